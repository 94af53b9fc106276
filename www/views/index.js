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
import { el, jump } from './dom.js';
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
import { clientsSection } from './clients.js';
import { addHeadlines } from './headline.js';
import { teamSection, filterBanner } from './team.js';
import { setCurrency } from '../format.js';

export { el };

const SECTIONS = ['leaving', 'forecast', 'totals', 'team', 'matrix', 'transitions', 'pool', 'trends', 'winbacks', 'onetime', 'abc', 'xyz', 'concentration', 'abcdx', 'quadrants', 'rfm', 'nps', 'clients', 'input', 'downloads'];

export function renderResults(root, r, lang, ctx) {
  const tr = (k, p) => t(lang, k, p);
  // Money carries the file's currency where the Report names one (settings.currency).
  setCurrency(r.settings?.currency ?? null);
  // The client table first: the other views filter it.
  const clients = clientsSection(r, lang, tr);
  root.replaceChildren(
    el('div', { class: 'results-head' },
      el('h2', { id: 'results-title', tabindex: '-1' }, tr('resultsTitle')),
      quickDownloads(tr, ctx)),
    // Stays in view while the results scroll (position: sticky).
    el('nav', { class: 'jump', id: 'contents', 'aria-label': tr('contents') },
      SECTIONS.map((id) => el('button', { type: 'button', class: 'link', 'data-jump': id, onclick: () => jump(id) }, tr(`nav.${id}`)))),
    // Narrowed to one manager: said above the views, with the way back.
    filterBanner(r, tr, ctx) ?? '',
    // The first question a user brings: which clients are leaving.
    leavingSection(r, lang, tr, ctx),
    // Can the forecasts in the lists and the value be trusted: the holdout check.
    forecastSection(r, lang, tr) ?? '',
    totalsSection(r, lang, tr),
    teamSection(r, lang, tr, ctx),
    matrixSection(r, lang, tr, ctx),
    transitionsSection(r, lang, tr),
    poolSection(r, lang, tr),
    trendsSection(r, lang, tr),
    winbackSection(r, lang, tr, ctx),
    oneTimeSection(r, lang, tr, ctx),
    abcSection(r, lang, tr, ctx),
    xyzSection(r, lang, tr),
    concentrationSection(r, lang, tr),
    abcdxSection(r, lang, tr),
    quadrantsSection(r, lang, tr),
    rfmSection(r, lang, tr),
    npsSection(r, lang, tr),
    clients,
    inputSection(r, lang, tr, ctx),
    downloadsSection(tr, ctx),
  );
  // Each view leads with the core's sentence about what it found, or why it cannot.
  addHeadlines(root, r, lang, tr);
}
