// The client table: every client with its segments, sortable, searchable, filtered by
// segment (the matrix, ABCDX, quadrant and RFM views filter it too), 100 rows a page.
import { moneyWhole, int, date, moneyRank } from '../format.js';
import { el, badge, jump, labelCells, moneyCell } from './dom.js';
import { chance90, chance90Label } from './leaving.js';

// A phone shows fewer rows a page: each is a card there.
const PAGE = globalThis.matchMedia?.('(max-width: 640px)').matches ? 10 : 100;
/** `ids` (a Set) with its `label`: a list another view picked (a transition). */
const NO_FILTER = { abc: '', xyz: '', abcdx: '', rfm: '', quadrant: '', manager: '', lifecycle: '', ids: null, label: '' };
/** What the user chose; kept across analyses (a new file keeps the view). */
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

/** Current filters, for views that mark their selected row or cell. */
export const clientFilters = () => table.f;

/** Column orders of one report, computed once: sorting 100 000 clients on every
 *  keystroke of the search would stall the page. report.clients -> Map("key dir" -> indexes). */
const orders = new WeakMap();
/** Lower-cased client ids for the search, and the managers, per report. */
const lowered = new WeakMap();
const managersOf = new WeakMap();

function orderOf(clients, key, kind, dir, lang) {
  let cache = orders.get(clients);
  if (!cache) orders.set(clients, (cache = new Map()));
  const id = `${key} ${dir} ${lang}`;
  if (!cache.has(id)) {
    let keys;
    let cmp;
    if (kind === 'money') {
      keys = clients.map((c) => moneyRank(c[key]));
      cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    } else if (kind === 'num') {
      // An array (the chances of a purchase) sorts by its last figure, 90 days.
      keys = clients.map((c) => (Array.isArray(c[key]) ? c[key].at(-1) : c[key]) ?? -Infinity);
      cmp = (x, y) => x - y;
    } else {
      const collator = new Intl.Collator(lang, { numeric: true });
      keys = clients.map((c) => c[key] ?? '');
      cmp = collator.compare;
    }
    // Ties keep the report's order (by window revenue) in both directions.
    const idx = Array.from(clients, (_, i) => i).sort((a, b) => dir * cmp(keys[a], keys[b]) || a - b);
    cache.set(id, idx);
  }
  return cache.get(id);
}

function lowerIds(clients, lang) {
  let cache = lowered.get(clients);
  if (!cache || cache.lang !== lang) lowered.set(clients, (cache = { lang, ids: clients.map((c) => String(c.id).toLocaleLowerCase(lang)) }));
  return cache.ids;
}

function managers(clients, lang) {
  if (!managersOf.has(clients)) {
    const names = [...new Set(clients.map((c) => c.manager).filter((m) => m != null && m !== ''))];
    managersOf.set(clients, names.sort(new Intl.Collator(lang, { numeric: true }).compare));
  }
  return managersOf.get(clients);
}

/** Does client `c` pass the filters? `none` in abc: no purchase in the window. */
function passes(c, f) {
  if (f.ids && !f.ids.has(c.id)) return false;
  if (f.abc && (f.abc === 'none' ? c.abc != null : c.abc !== f.abc)) return false;
  if (f.xyz && c.xyz !== f.xyz && c.xyz_status !== f.xyz) return false;
  if (f.abcdx && c.abcdx !== f.abcdx) return false;
  if (f.rfm && c.rfm_segment !== f.rfm) return false;
  if (f.quadrant && c.quadrant !== f.quadrant) return false;
  if (f.manager && c.manager !== f.manager) return false;
  if (f.lifecycle && c.lifecycle !== f.lifecycle) return false;
  return true;
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
    manager: select('client-manager', tr('dim.manager'), table.f.manager, [...all(tr('allManagers')), ...managers(r.clients, lang).map((m) => [m, m])]),
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

  function draw(fromOutside = false) {
    if (fromOutside) {
      search.value = '';
      for (const [k, node] of Object.entries(filters)) node.value = table.f[k];
    }
    if (!cols.some(([k]) => k === table.sort)) table.sort = 'window_revenue';
    const [, , kind] = cols.find(([k]) => k === table.sort);
    const order = orderOf(r.clients, table.sort, kind, table.dir, lang);
    const q = table.query.trim().toLocaleLowerCase(lang);
    const ids = q ? lowerIds(r.clients, lang) : null;
    const f = table.f;
    const filtered = Object.values(f).some(Boolean);
    const rows = !q && !filtered ? order : order.filter((i) => (!q || ids[i].includes(q)) && passes(r.clients[i], f));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    table.page = Math.max(0, Math.min(table.page, pages - 1));
    const from = table.page * PAGE;
    const shown = rows.slice(from, from + PAGE).map((i) => r.clients[i]);
    body.replaceChildren(...(shown.length ? shown.map(row) : [el('tr', {}, el('td', { colspan: cols.length }, tr('nothingFound')))]));
    labelCells(body, cols.map(([, label]) => label));
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === table.sort ? (table.dir > 0 ? 'ascending' : 'descending') : 'none');
    info.textContent = tr('shown', { from: int(rows.length ? from + 1 : 0, lang), to: int(from + shown.length, lang), n: int(rows.length, lang) });
    prev.disabled = table.page === 0;
    next.disabled = table.page >= pages - 1;
    clear.hidden = !filtered && !q;
    subset.textContent = f.ids ? tr('subset', { what: f.label }) : '';
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
  if (table.f.ids && !r.clients.some((c) => table.f.ids.has(c.id))) Object.assign(table.f, { ids: null, label: '' });
  section.append(
    el('h2', {}, tr('nav.clients')),
    el('div', { class: 'toolbar' }, search, ...Object.values(filters), subset, clear),
    el('div', { class: 'toolbar' }, info, prev, next, allCols),
    el('div', { class: 'scroll' }, tableEl));
  tableEl.append(el('thead', {}, el('tr', {}, heads)), body);
  redraw = draw;
  return section;
}

/** Draws the rows of the table the last `clientsSection` made: a step of its own
 *  when the page renders (sorting 100 000 clients is the longest part). */
export function drawClients() {
  redraw?.();
}
