// Renders a Report into the page, one view per analysis, in the order a sales head
// acts on them: who is leaving (its list within a screen of the results' start),
// the totals, the team (each manager's portfolio; a click narrows every view), the
// matrix (who matters and what to do), who moved where, the pool and
// leakage, revenue and cohorts over time, whom to win back and the one-time buyers,
// then each segmentation, every client, what was read from the file and the
// downloads. Above them, the results' heading (the focus lands there after an
// analysis), contents that stay in view, and the main downloads again.
// Views build nodes with textContent only.
import { t } from '../i18n.js';
import { el, jump, rowsDrawn, nextFrame } from './dom.js';
import { inputSection, downloadsSection, quickDownloads } from './input.js';
import { totalsSection } from './totals.js';
import { matrixSection } from './matrix.js';
import { leavingSection } from './leaving.js';
import { forecastSection } from './forecast.js';
import { transitionsSection } from './transitions.js';
import { poolSection } from './pool.js';
import { trendsSection } from './trends.js';
import { winbackSection } from './winback.js';
import { oneTimeSection } from './onetime.js';
import { abcSection } from './abc.js';
import { xyzSection } from './xyz.js';
import { concentrationSection } from './concentration.js';
import { abcdxSection } from './abcdx.js';
import { quadrantsSection } from './quadrants.js';
import { rfmSection } from './rfm.js';
import { npsSection } from './nps.js';
import { clientsSection, drawClients } from './clients.js';
import { addHeadlines } from './headline.js';
import { teamSection, filterBanner } from './team.js';
import { setCurrency } from '../format.js';

export { el };

const SECTIONS = ['leaving', 'forecast', 'totals', 'team', 'matrix', 'transitions', 'pool', 'trends', 'winbacks', 'onetime', 'abc', 'xyz', 'concentration', 'abcdx', 'quadrants', 'rfm', 'nps', 'clients', 'input', 'downloads'];

/** Building time a step takes before it gives the thread back. */
const STEP_MS = 15;

/** Builds the views in steps, each a task of its own followed by a frame, so that
 *  no task of a large Report holds the page's thread for long (the target is 50
 *  ms: 50 000 clients took 455 ms in one, and laying out the whole page at once
 *  100 ms; holding them all on the page cost 50-80 ms tasks of garbage collection,
 *  so the worker keeps the clients and the lists ask it for their rows). `live()` says whether the rendering is still wanted; when a newer one
 *  started it stops and resolves false. The views appear in order; what they show
 *  is the same as built at once. */
export async function renderResults(root, r, lang, ctx, live = () => true) {
  const tr = (k, p) => t(lang, k, p);
  let until = 0;
  const step = async () => {
    if (performance.now() >= until) {
      await nextFrame();
      until = performance.now() + STEP_MS;
    }
    // Money carries the file's currency where the Report names one
    // (settings.currency); another Report's rendering may have set its own.
    setCurrency(r.settings?.currency ?? null);
    return live();
  };
  // Not in the task that received the Report: it copied the last of it.
  if (!(await step())) return false;
  // The client table first: the other views filter it. Its rows come from the
  // worker, which keeps the clients (as do the rows of the other views' lists);
  // asked for once the table is on the page, so that its rows are laid out a few
  // a frame (clients.js drawRows), not all in the frame that adds the table.
  const clients = clientsSection(r, lang, tr);
  const views = [
    // The first question a user brings: which clients are leaving.
    () => leavingSection(r, lang, tr, ctx),
    // Can the forecasts in the lists and the value be trusted: the holdout check.
    () => forecastSection(r, lang, tr) ?? '',
    () => totalsSection(r, lang, tr),
    () => teamSection(r, lang, tr, ctx),
    () => matrixSection(r, lang, tr, ctx),
    () => transitionsSection(r, lang, tr),
    () => poolSection(r, lang, tr),
    () => trendsSection(r, lang, tr),
    () => winbackSection(r, lang, tr, ctx),
    () => oneTimeSection(r, lang, tr, ctx),
    () => abcSection(r, lang, tr, ctx),
    () => xyzSection(r, lang, tr),
    () => concentrationSection(r, lang, tr),
    () => abcdxSection(r, lang, tr),
    () => quadrantsSection(r, lang, tr),
    () => rfmSection(r, lang, tr),
    () => npsSection(r, lang, tr),
    () => { drawClients(); return clients; },
    () => inputSection(r, lang, tr, ctx),
    () => downloadsSection(tr, ctx),
  ];
  if (!(await step())) return false;
  root.replaceChildren(
    el('div', { class: 'results-head' },
      el('h2', { id: 'results-title', tabindex: '-1' }, tr('resultsTitle')),
      quickDownloads(tr, ctx)),
    // Stays in view while the results scroll (position: sticky).
    el('nav', { class: 'jump', id: 'contents', 'aria-label': tr('contents') },
      SECTIONS.map((id) => el('button', { type: 'button', class: 'link', 'data-jump': id, onclick: () => jump(id) }, tr(`nav.${id}`)))),
    // Narrowed to one manager: said above the views, with the way back.
    filterBanner(r, tr, ctx) ?? '',
  );
  for (const view of views) {
    root.append(view());
    if (!(await step())) return false;
  }
  // Each view leads with the core's sentence about what it found, or why it cannot.
  addHeadlines(root, r, lang, tr);
  // The lists' rows asked from the worker are in place.
  await rowsDrawn();
  if (!live()) return false;
  // The caller measures the page next: laid out first, in a frame of its own.
  until = 0;
  return step();
}
