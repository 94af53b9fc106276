// The client table: every client with its segments, sortable, searchable, filtered by
// segment (the matrix, ABCDX, quadrant and RFM views filter it too), 100 rows a page.
// The worker keeps the clients; the core sorts, searches and filters them
// (crate/src/client_list.rs) and the page draws the rows it is sent.
import { moneyWhole, int, date } from '../format.js';
import { el, badge, jump, labelCells, moneyCell, track, nextFrame } from './dom.js';
import { chance90, chance90Label } from './leaving.js';
import { clientPage, clientRows } from '../clientscope.js';

// A phone shows fewer rows a page: each is a card there.
const PAGE = globalThis.matchMedia?.('(max-width: 640px)').matches ? 10 : 100;
/** Rows put in a frame (see drawRows). */
const CHUNK = 25;
/** `subset` (a transition `{moved}` or a period's cell `{period}`, as the core's
 *  query names them) with its `label`: a list another view picked. */
const NO_FILTER = { abc: '', xyz: '', abcdx: '', rfm: '', quadrant: '', manager: '', lifecycle: '', subset: null, label: '' };
/** What the user chose; kept across analyses (a new file keeps the view, not a pick:
 *  forgetPick). */
const table = { sort: 'window_revenue', dir: -1, query: '', page: 0, f: { ...NO_FILTER } };
/** Redraws the table on the page now, if any. */
let redraw = null;

/** Shows exactly the clients matching `filters` (other filters and the search are
 *  cleared), and scrolls to them unless `scroll` is false. */
export function showClients(filters, { scroll = true } = {}) {
  Object.assign(table, { query: '', page: 0, f: { ...NO_FILTER, ...filters } });
  redraw?.(true);
  if (scroll) jump('clients');
}

/** A new file: the list another view picked (a move, a period's cell) named the
 *  last file's clients and goes; the sort and the segment filters stay. */
export function forgetPick() {
  Object.assign(table.f, { subset: null, label: '' });
  table.page = 0;
}

/** Current filters, for views that mark their selected row or cell. */
export const clientFilters = () => table.f;

/** The Report's order of the clients (by window revenue, largest first), as a query. */
export const REPORT_ORDER = { sort: 'window_revenue', descending: true };

/** A `pagedTable` fetch of the clients matching `query` (see clientPage), in the
 *  Report's order. */
export const clientsMatching = (query, lang) => (from, count) =>
  clientPage({ ...REPORT_ORDER, ...query, from, count }, { lang }).then((p) => ({ total: p.total, items: p.rows }));

/** A `pagedTable` fetch of a Report list's `items` (each with an `id`) beside their
 *  clients' rows: items [item, client] ({} for a client the Report lacks). */
export const withRows = (items, lang) => (from, count) => {
  const part = items.slice(from, from + count);
  return clientRows(part.map((x) => x.id), { lang }).then((cs) => ({ total: items.length, items: part.map((x, k) => [x, cs[k] ?? {}]) }));
};

/** The managers the filter offers: the team view's names (the Report's team). */
function managers(r, lang) {
  const names = (r.team?.managers ?? []).map((p) => p.name).filter((m) => m != null && m !== '');
  return [...new Set(names)].sort(new Intl.Collator(lang, { numeric: true }).compare);
}

function select(id, label, value, options) {
  const node = el('select', { id, 'aria-label': label },
    options.map(([v, text]) => el('option', { value: v }, text)));
  node.value = options.some(([v]) => v === value) ? value : '';
  return node;
}

export function clientsSection(r, lang, tr) {
  const section = el('section', { class: 'card', id: 'clients' });
  const segName = Object.fromEntries((r.rfm?.segments ?? []).map((s) => [s.segment, tr(s.name)]));
  // The fourth field is the column's class: `later` columns (the all-time figures
  // beside the window's, the first purchase, the quadrant and ABCDX, which their
  // own views show) give way on a screen too narrow for all fifteen
  // (style.css), the money of the window always stays; a phone shows every
  // column as a labelled line of the client's card.
  const cols = [
    ['id', tr('client'), 'text'],
    ['abc', tr('nav.abc'), 'text'],
    ['xyz', tr('nav.xyz'), 'text'],
    ['abcdx', tr('nav.abcdx'), 'text', 'later'],
    ['rfm_segment', tr('colRfm'), 'text', 'label'],
    ['quadrant', tr('colQuadrant'), 'text', 'later'],
    ['lifecycle', tr('colLifecycle'), 'text', 'label'],
    ['manager', tr('dim.manager'), 'text', 'label'],
    ['window_revenue', tr('windowRevenue'), 'money'],
    ['revenue', tr('allRevenue'), 'money', 'later'],
    ['purchases', tr('purchases'), 'num'],
    ['first_purchase', tr('firstPurchase'), 'text', 'later'],
    ['last_purchase', tr('lastPurchase'), 'text'],
    // The model's answer per client: the chance of buying in 90 days, and the value
    // of the next months beside its 80 % range.
    ['p_buy', chance90Label(r, tr), 'num'],
    ['clv', tr('cols.clv', { months: r.btyd.clv_months }), 'money'],
  ];
  const search = el('input', { type: 'search', id: 'client-search', placeholder: tr('search'), 'aria-label': tr('search'), value: table.query });
  const all = (label) => [['', label]];
  const filters = {
    abc: select('client-group', tr('nav.abc'), table.f.abc, [...all(tr('allGroups')), ...['A', 'B', 'C'].map((g) => [g, `ABC: ${g}`]), ['none', tr('inactiveShort')]]),
    xyz: select('client-xyz', tr('nav.xyz'), table.f.xyz, [...all(tr('allXyz')), ...['X', 'Y', 'Z'].map((g) => [g, `XYZ: ${g}`]),
      ['new', tr('status.new')], ['short_history', tr('status.short_history')]]),
    abcdx: select('client-abcdx', tr('nav.abcdx'), table.f.abcdx, [...all(tr('allAbcdx')), ...['A', 'B', 'C', 'AD', 'BD', 'CD', 'X'].map((g) => [g, `ABCDX: ${g}`])]),
    rfm: select('client-rfm', tr('colRfm'), table.f.rfm, [...all(tr('allRfm')), ...Object.entries(segName)]),
    quadrant: select('client-quadrant', tr('colQuadrant'), table.f.quadrant, [...all(tr('allQuadrants')), ...['I', 'II', 'III', 'IV'].map((q) => [q, `${q} — ${tr(`quadrant.${q}`)}`])]),
    lifecycle: select('client-lifecycle', tr('colLifecycle'), table.f.lifecycle, [...all(tr('lifecycleAll')),
      ...r.lifecycle.statuses.filter((s) => s.count > 0).map((s) => [s.status, `${tr(`lifecycle.${s.status}`)} (${int(s.count, lang)})`])]),
    manager: select('client-manager', tr('dim.manager'), table.f.manager, [...all(tr('allManagers')), ...managers(r, lang).map((m) => [m, m])]),
  };
  if (filters.manager.options.length === 1) filters.manager.hidden = true;
  const clear = el('button', { type: 'button', id: 'client-clear' }, tr('clearFilters'));
  const tableEl = el('table', { class: 'clients cards' });
  // The columns that give way on a screen too narrow for all fifteen (style.css).
  const allCols = el('button', { type: 'button', class: 'toggle', id: 'client-all-columns', 'aria-pressed': 'false',
    onclick: () => allCols.setAttribute('aria-pressed', String(tableEl.classList.toggle('all'))) }, tr('allColumns'));
  const subset = el('span', { class: 'muted', id: 'client-subset' });
  const body = el('tbody');
  const info = el('span', { class: 'muted', id: 'client-info', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', id: 'prev' }, tr('prev'));
  const next = el('button', { type: 'button', id: 'next' }, tr('next'));
  const heads = cols.map(([key, label, kind, cls]) => el('th', { scope: 'col', 'data-key': key, class: [kind !== 'text' ? 'num' : null, cls].filter(Boolean).join(' ') || null },
    el('button', { type: 'button', class: 'sort', onclick: () => {
      table.dir = table.sort === key ? -table.dir : kind === 'text' ? 1 : -1;
      table.sort = key;
      table.page = 0;
      draw();
    } }, label)));

  const xyzCell = (c) => el('td', { class: 'label' }, badge(c.xyz),
    c.xyz_status && c.xyz_status !== 'ok' ? el('span', { class: 'status' }, ` ${tr(`status.${c.xyz_status}`)}`) : null);
  const row = (c) => el('tr', {},
    el('td', { class: 'client' }, c.id),
    el('td', {}, badge(c.abc)),
    xyzCell(c),
    el('td', { class: 'later' }, badge(c.abcdx, `dx${c.abcdx}`)),
    el('td', { class: 'label' }, c.rfm_segment ? [segName[c.rfm_segment] ?? c.rfm_segment, el('span', { class: 'status' }, ` ${c.rfm}`)] : '—'),
    el('td', { class: 'later', title: c.quadrant ? tr(`quadrant.${c.quadrant}`) : null }, badge(c.quadrant, `q${c.quadrant}`)),
    el('td', { class: `label lifecycle ${c.lifecycle}` }, tr(`lifecycle.${c.lifecycle}`)),
    el('td', { class: 'label' }, c.manager ?? '—'),
    moneyCell(c.window_revenue, lang),
    moneyCell(c.revenue, lang, 'num later'),
    el('td', { class: 'num' }, int(c.purchases, lang)),
    el('td', { class: 'later' }, date(c.first_purchase, lang)),
    el('td', {}, date(c.last_purchase, lang)),
    el('td', { class: 'num' }, chance90(c, lang)),
    el('td', { class: 'num' }, c.clv == null ? '—' : [moneyWhole(c.clv, lang),
      // The range may wrap only after its dash: two lines of a figure each.
      c.clv_range ? el('span', { class: 'range muted' }, ` ${moneyWhole(c.clv_range[0], lang)}\u00a0– ${moneyWhole(c.clv_range[1], lang)}`) : null]));

  /** Asks the worker for the page the choices name and draws it; an answer that a
   *  newer question overtook is dropped. Resolves once drawn. */
  let asked = 0;
  function draw(fromOutside = false) {
    if (fromOutside) {
      search.value = '';
      for (const [k, node] of Object.entries(filters)) node.value = table.f[k];
    }
    if (!cols.some(([k]) => k === table.sort)) table.sort = 'window_revenue';
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === table.sort ? (table.dir > 0 ? 'ascending' : 'descending') : 'none');
    const f = table.f;
    const filtered = Object.values(f).some(Boolean);
    clear.hidden = !filtered && !table.query.trim();
    subset.textContent = f.subset ? tr('subset', { what: f.label }) : '';
    const { subset: which, label: _label, ...segments } = f;
    const query = { sort: table.sort, descending: table.dir < 0, search: table.query, ...segments, ...(which ?? {}), from: table.page * PAGE, count: PAGE };
    const mine = ++asked;
    section.setAttribute('aria-busy', 'true');
    return track(clientPage(query, { lang }).then((answer) => {
      if (mine !== asked) return undefined;
      const pages = Math.max(1, Math.ceil(answer.total / PAGE));
      // A narrower list than the page asked for: its last page.
      if (table.page > pages - 1) {
        table.page = pages - 1;
        return draw();
      }
      section.removeAttribute('aria-busy');
      const from = table.page * PAGE;
      const shown = answer.rows;
      const rows = shown.length ? shown.map(row) : [el('tr', {}, el('td', { colspan: cols.length }, tr('nothingFound')))];
      labelCells({ rows }, cols.map(([, l]) => l));
      info.textContent = tr('shown', { from: int(answer.total ? from + 1 : 0, lang), to: int(from + shown.length, lang), n: int(answer.total, lang) });
      prev.disabled = table.page === 0;
      next.disabled = table.page >= pages - 1;
      return drawRows(rows, () => mine === asked);
    }, () => section.removeAttribute('aria-busy')));
  }

  /** Puts the rows in, CHUNK a frame: a frame laying out 100 rows of fifteen
   *  cells took 50-120 ms (issue 16: no task over 50 ms). Stops if a newer page
   *  was asked for (`current()` false); resolves once all are in. */
  async function drawRows(rows, current) {
    body.replaceChildren(...rows.slice(0, CHUNK));
    for (let k = CHUNK; k < rows.length; k += CHUNK) {
      await nextFrame();
      if (!current()) return;
      body.append(...rows.slice(k, k + CHUNK));
    }
  }

  search.addEventListener('input', () => { table.query = search.value; table.page = 0; draw(); });
  for (const [k, node] of Object.entries(filters)) {
    node.addEventListener('change', () => { table.f[k] = node.value; table.page = 0; draw(); });
  }
  clear.addEventListener('click', () => { Object.assign(table, { query: '', page: 0, f: { ...NO_FILTER } }); draw(true); });
  prev.addEventListener('click', () => { table.page -= 1; draw(); });
  next.addEventListener('click', () => { table.page += 1; draw(); });
  // A filter the new report cannot satisfy (a manager it lacks) is dropped.
  for (const [k, node] of Object.entries(filters)) table.f[k] = node.value;
  section.append(
    el('h2', {}, tr('nav.clients')),
    el('div', { class: 'toolbar' }, search, ...Object.values(filters), subset, clear),
    el('div', { class: 'toolbar' }, info, prev, next, allCols),
    el('div', { class: 'scroll' }, tableEl));
  tableEl.append(el('thead', {}, el('tr', {}, heads)), body);
  redraw = draw;
  return section;
}

/** Draws the rows of the table the last `clientsSection` made; resolves once drawn. */
export function drawClients() {
  return redraw?.();
}
