// Who moved where: the 10 x 10 transition matrix (cell before, or "new", by cell now,
// or "gone") since the previous period or the same day a year ago, with its summary;
// then the matrix of any recent period. A click on a number lists those clients here
// and in the client table.
import { money, int, date } from '../format.js';
import { el, jump, moneyCell } from './dom.js';
import { showClients, clientsMatching } from './clients.js';
import { pagedTable } from './pager.js';
import { whyList } from './leaving.js';
import { lifecycleNote } from './lifecycle.js';

const CELLS = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'];
/** The client field holding the cell at the earlier date of each comparison. */
const FIELD = { previous: 'cell_previous', year_ago: 'cell_year_ago' };
/** Shades by share of the clients in the matrix. */
const BINS = [0.02, 0.05, 0.1, 0.2];
const heat = (share) => BINS.filter((b) => share >= b).length;

/** The clients of `subset` (the core's query: a transition `{moved}` or a period's
 *  cell `{period}`), in the Report's order; `onTotal` hears how many. */
function list(id, subset, lang, tr, cols, onTotal) {
  return pagedTable({ id, fetch: clientsMatching(subset, lang), onTotal, lang, tr, wide: true, columns: cols.map(([label, , numeric]) => [label, numeric]), row: (c) => cols.map(([, cell]) => cell(c)) });
}

/** Columns of a list of clients: name, the cells, what changed, money, manager. */
function columns(lang, tr, before) {
  return [
    [tr('client'), (c) => el('td', { class: 'client' }, c.id)],
    before && [tr('cols2.before'), (c) => el('td', {}, c[before] ?? '—')],
    [tr('cols2.now'), (c) => el('td', {}, c.cell ?? '—')],
    [tr('cols.why'), (c) => el('td', { class: 'why' }, whyList(c, lang, tr) ?? '—')],
    [tr('windowRevenue'), (c) => moneyCell(c.window_revenue, lang), true],
    [tr('cols2.annual'), (c) => (c.annual_value == null ? el('td', { class: 'num' }, '—') : moneyCell(c.annual_value, lang)), true],
    [tr('dim.manager'), (c) => el('td', {}, c.manager ?? '—')],
  ].filter(Boolean);
}

export function transitionsSection(r, lang, tr) {
  const T = r.transitions;
  let which = 'previous';
  const grid = el('div', { class: 'scroll' });
  const summary = el('dl', { class: 'stats-line', id: 'transitions-summary' });
  const explain = el('p', { class: 'muted', id: 'transitions-explain' });
  const note = el('div', { id: 'transitions-note' });
  const detail = el('div', { class: 'cell-detail', id: 'transitions-detail', 'aria-live': 'polite' });
  // The core's picture of each comparison: flows since the previous period, the
  // year-ago grid; the one of the comparison shown is visible.
  const pictures = { previous: 'transitions', year_ago: 'transitions-year' };
  const slots = Object.fromEntries(Object.entries(pictures).map(([w, name]) =>
    [w, el('div', { class: 'chart-slot', 'data-for': w }, el('figure', { class: 'chart', 'data-chart': name }))]));
  const switches = Object.keys(FIELD).map((w) => el('button', { type: 'button', id: `transitions-${w}`, class: 'toggle', onclick: () => { which = w; draw(); } },
    tr(w === 'previous' ? 'transPrevious' : 'transYearAgo')));

  const pick = (from, to, button) => {
    for (const b of grid.querySelectorAll('button.tcell')) b.setAttribute('aria-pressed', String(b === button));
    const m = T[which].moves.find((x) => x.from === from && x.to === to);
    // No cell before is "new", no cell now is "gone", as the core counts them.
    const subset = { moved: { which, from, to } };
    const label = `${name(from)} → ${name(to)}`;
    showClients({ subset, label }, { scroll: false });
    const title = (n) => tr('transCell', { from: name(from), to: name(to), n: int(n, lang) });
    const h3 = el('h3', {}, title(m.count));
    detail.replaceChildren(
      h3,
      el('p', {}, tr('transMoney', { before: money(m.revenue_before, lang), now: money(m.revenue_now, lang) })),
      list('transitions-clients', subset, lang, tr, columns(lang, tr, FIELD[which]), (n) => { h3.textContent = title(n); }),
      el('button', { type: 'button', id: 'transitions-all', onclick: () => jump('clients') }, tr('transAll')));
  };
  const name = (k) => (k === 'new' ? tr('transNew') : k === 'gone' ? tr('transGone') : k);

  function draw() {
    const t = T[which];
    for (const b of switches) b.setAttribute('aria-pressed', String(b.id === `transitions-${which}`));
    for (const [w, slot] of Object.entries(slots)) slot.hidden = w !== which;
    const moves = new Map(t.moves.map((m) => [`${m.from} ${m.to}`, m]));
    const total = t.moves.reduce((n, m) => n + m.count, 0) || 1;
    const td = (from, to) => {
      const m = moves.get(`${from} ${to}`);
      if (!m) return el('td', { class: from === to ? 'same' : null });
      const b = el('button', {
        type: 'button', class: `tcell heat${heat(m.count / total)}`, 'data-from': from, 'data-to': to,
        title: tr('transMoney', { before: money(m.revenue_before, lang), now: money(m.revenue_now, lang) }),
        onclick: () => pick(from, to, b),
      }, el('span', { class: 'count' }, int(m.count, lang)));
      return el('td', { class: from === to ? 'same' : null }, b);
    };
    grid.replaceChildren(el('table', { class: 'transitions', id: 'transitions-matrix' },
      el('thead', {}, el('tr', {}, el('th', { class: 'corner' }, tr('transCorner')), [...CELLS, 'gone'].map((k) => el('th', { scope: 'col' }, name(k))))),
      el('tbody', {}, [...CELLS, 'new'].map((from) => el('tr', {},
        el('th', { scope: 'row' }, name(from)), [...CELLS, 'gone'].map((to) => td(from, to)))))));
    explain.textContent = tr('transExplain', { before: date(t.before, lang), now: date(t.now, lang) });
    note.replaceChildren(lifecycleNote(r, which === 'previous' ? 'transitions_gone_previous' : 'transitions_gone_year_ago', lang, tr) ?? '');
    summary.replaceChildren(...[['stayed', t.stayed], ['up', t.moved_up], ['down', t.moved_down], ['new', t.new], ['gone', t.gone]]
      .map(([k, n]) => el('div', {}, el('dt', {}, tr(`transSum.${k}`)), el('dd', { 'data-sum': k }, int(n, lang)))));
    detail.replaceChildren(el('p', { class: 'muted' }, tr('transHint')));
  }
  draw();
  return el('section', { class: 'card', id: 'transitions' },
    el('h2', {}, tr('transTitle')),
    el('div', { class: 'toolbar', role: 'group', 'aria-label': tr('transCompare') }, el('span', {}, `${tr('transCompare')}:`), switches),
    explain, summary, note, grid, detail, Object.values(slots),
    periodMatrix(r, lang, tr));
}

/** The 3 x 3 matrix of one of `transitions.periods`, picked from a list. */
function periodMatrix(r, lang, tr) {
  const P = r.transitions.periods;
  if (!P.length) return null;
  const select = el('select', { id: 'period-pick', 'aria-label': tr('period') },
    P.map((p, k) => el('option', { value: String(k) }, date(p.as_of, lang))));
  select.value = String(P.length - 1);
  const body = el('div');
  const detail = el('div', { class: 'cell-detail', id: 'period-detail', 'aria-live': 'polite' });
  const draw = () => {
    const k = Number(select.value);
    const p = P[k];
    const cells = Object.fromEntries(p.cells.map((c) => [c.cell, c]));
    const b = (cell) => {
      const c = cells[cell];
      const node = el('button', { type: 'button', class: `tcell heat${heat(p.clients ? c.count / p.clients : 0)}`, 'data-cell': cell, title: money(c.revenue, lang),
        onclick: () => {
          for (const x of body.querySelectorAll('button.tcell')) x.setAttribute('aria-pressed', String(x === node));
          // The cell at the end of period k (the clients' cell_history).
          const subset = { period: { k, cell } };
          showClients({ subset, label: `${cell} · ${date(p.as_of, lang)}` }, { scroll: false });
          const title = (n) => tr('periodCell', { cell, date: date(p.as_of, lang), n: int(n, lang) });
          const h3 = el('h3', {}, title(c.count));
          detail.replaceChildren(h3, list('period-clients', subset, lang, tr, columns(lang, tr, null), (n) => { h3.textContent = title(n); }));
        } },
      el('span', { class: 'count' }, int(c.count, lang)), el('span', { class: 'revenue' }, money(c.revenue, lang)));
      return el('td', {}, node);
    };
    body.replaceChildren(
      el('p', { class: 'muted' }, tr('periodExplain', { date: date(p.as_of, lang), n: int(p.clients, lang) })),
      el('div', { class: 'scroll' }, el('table', { class: 'transitions period', id: 'period-matrix' },
        el('thead', {}, el('tr', {}, el('td'), ['X', 'Y', 'Z'].map((x) => el('th', { scope: 'col' }, x)))),
        el('tbody', {}, ['A', 'B', 'C'].map((a) => el('tr', {}, el('th', { scope: 'row' }, a), ['X', 'Y', 'Z'].map((x) => b(`${a}${x}`))))))));
    detail.replaceChildren(el('p', { class: 'muted' }, tr('transHint')));
  };
  select.addEventListener('change', draw);
  draw();
  return el('div', { id: 'periods' },
    el('h3', {}, tr('periodTitle')),
    el('label', { class: 'toolbar' }, el('span', {}, tr('period')), select),
    body, detail);
}
