// The ABC-XYZ matrix as a 3 x 3 heatmap: each cell's clients, revenue and shares,
// shaded by its share of revenue. A click on a cell lists its clients (here and in
// the client table) and says what to do with them.
import { money, int, pct } from '../format.js';
import { el, playbook, jump, track } from './dom.js';
import { showClients, clientFilters, REPORT_ORDER } from './clients.js';
import { clientPage } from '../clientscope.js';
import { csvButton } from './download.js';

/** Shades by share of revenue: below 5 %, 15 %, 30 %, 50 %, and above. */
const BINS = [0.05, 0.15, 0.3, 0.5];
const heat = (share) => BINS.filter((b) => share >= b).length;
const PREVIEW = 10;

export function matrixSection(r, lang, tr, ctx) {
  const m = r.matrix;
  const cells = Object.fromEntries(m.cells.map((c) => [c.cell, c]));
  const f = clientFilters();
  let chosen = f.abc && ['X', 'Y', 'Z'].includes(f.xyz) && !f.abcdx && !f.rfm && !f.quadrant && !f.manager ? `${f.abc}${f.xyz}` : null;
  const detail = el('div', { class: 'cell-detail', id: 'matrix-detail', 'aria-live': 'polite' });
  const buttons = [];

  const show = () => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.cell === chosen));
    const c = cells[chosen];
    if (!c) {
      detail.replaceChildren(el('p', { class: 'muted' }, tr('matrixHint')));
      return;
    }
    // The report lists clients by window revenue, largest first: the cell's first
    // ten, from the worker (it keeps the clients).
    const asked = chosen;
    detail.setAttribute('aria-busy', 'true');
    track(clientPage({ ...REPORT_ORDER, abc: c.abc, xyz: c.xyz, count: PREVIEW }, { lang }).then(({ rows: inside }) => {
      if (asked !== chosen) return;
      detail.removeAttribute('aria-busy');
      detail.replaceChildren(
        el('h3', {}, `${c.cell} — ${tr(c.playbook.title)}`),
        playbook(c.playbook, lang, tr),
        el('div', { class: 'list-head' }, el('h4', {}, tr('cellClients', { n: int(c.count, lang) })), inside.length > 0 && csvButton(`matrix-${c.cell.toLowerCase()}`, tr, ctx)),
        inside.length ? el('ol', { class: 'names', id: 'matrix-clients' }, inside.map((x) => el('li', {},
          el('span', { class: 'client' }, x.id), ' ', el('span', { class: 'num muted' }, money(x.window_revenue, lang))))) : el('p', { class: 'muted' }, tr('nobody')),
        inside.length > 0 && el('button', { type: 'button', id: 'matrix-all', onclick: () => jump('clients') },
          tr('cellAll', { n: int(c.count, lang) })));
    }, () => detail.removeAttribute('aria-busy')));
  };
  const pick = (cell) => {
    chosen = cell;
    const c = cells[cell];
    showClients({ abc: c.abc, xyz: c.xyz }, { scroll: false });
    show();
  };

  const cellButton = (c) => {
    const b = el('button', { type: 'button', class: `cell heat${heat(c.revenue_share)}`, 'data-cell': c.cell, onclick: () => pick(c.cell) },
      el('span', { class: 'code' }, c.cell),
      el('span', { class: 'title' }, tr(c.playbook.title)),
      el('span', { class: 'count' }, tr('nClients', { n: int(c.count, lang) })),
      el('span', { class: 'count-share' }, tr('ofClients', { p: pct(c.count_share, lang) })),
      el('span', { class: 'revenue' }, money(c.revenue, lang)),
      el('span', { class: 'revenue-share' }, tr('ofRevenue', { p: pct(c.revenue_share, lang) })));
    buttons.push(b);
    return b;
  };

  const table = el('table', { class: 'matrix' },
    el('colgroup', {}, el('col', { class: 'rowhead' }), el('col'), el('col'), el('col')),
    el('thead', {}, el('tr', {}, el('td'), ['X', 'Y', 'Z'].map((x) => el('th', { scope: 'col' }, x, el('span', { class: 'name' }, ` — ${tr(`xyzName.${x}`)}`))))),
    el('tbody', {}, ['A', 'B', 'C'].map((a) => el('tr', {},
      el('th', { scope: 'row' }, a, el('span', { class: 'name' }, ` — ${tr(`abcName.${a}`)}`)),
      ['X', 'Y', 'Z'].map((x) => el('td', {}, cellButton(cells[`${a}${x}`])))))));
  const legend = el('p', { class: 'legend muted', id: 'matrix-legend' }, `${tr('heatLegend')}: `,
    ['< 5 %', '5–15 %', '15–30 %', '30–50 %', '≥ 50 %'].map((label, n) => el('span', { class: `swatch heat${n}` }, label)));
  show();
  return el('section', { class: 'card', id: 'matrix' },
    el('h2', {}, tr('matrixTitle')),
    el('p', { class: 'muted' }, tr('matrixExplain', { n: int(m.clients, lang), revenue: money(m.revenue, lang) })),
    el('div', { class: 'matrix-wrap' }, el('div', { class: 'scroll' }, table, legend), el('div', {}, detail)));
}
