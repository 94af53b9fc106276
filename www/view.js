// Renders a Report into the page with createElement and textContent only.
import { t } from './i18n.js';
import { money, int, pct, date, moneyKey } from './format.js';

/** el('td', {class: 'num'}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const PAGE = 100;
const table = { sort: 'window_revenue', dir: -1, query: '', group: '', page: 0 };

export function renderResults(root, r, lang, ctx) {
  const tr = (k, p) => t(lang, k, p);
  root.replaceChildren(
    inputSection(r, lang, tr, ctx),
    downloadsSection(tr, ctx),
    totalsSection(r, lang, tr),
    abcSection(r, lang, tr),
    clientsSection(r, lang, tr),
  );
}

function inputSection(r, lang, tr, ctx) {
  const i = r.input;
  const skipped = Object.entries(i.skipped ?? {});
  const delim = { '\t': tr('tab'), whitespace: tr('whitespace') }[i.delimiter] ?? i.delimiter;
  // Roles in the order the panel lists them, each with the header it was given.
  const rank = (role) => ((ctx.roles ?? []).indexOf(role) + 1 || Infinity);
  const roles = Object.entries(i.columns ?? {}).filter(([, header]) => header != null).sort(([x], [y]) => rank(x) - rank(y));
  return el('section', { class: 'card', id: 'input' },
    el('h2', {}, tr('inputTitle')),
    el('p', { class: 'account' },
      el('strong', {}, `${tr('rowsRead')}: `), el('span', { id: 'rows-read' }, int(i.rows_read, lang)),
      ` = ${tr('rowsUsed')} `, el('span', { id: 'rows-used' }, int(i.rows_used, lang)),
      ` + ${tr('rowsSkipped')} `, el('span', { id: 'rows-skipped' }, int(i.rows_skipped, lang))),
    skipped.length > 0 && el('div', {},
      el('h3', {}, tr('skippedWhy')),
      el('ul', { id: 'skipped' }, skipped.map(([reason, s]) =>
        el('li', { 'data-reason': reason }, `${tr(`skip.${reason}`)}: ${int(s.count, lang)} — ${tr('firstLines', { lines: s.lines.join(', ') })}`)))),
    (i.warnings ?? []).length > 0 && el('ul', { class: 'warnings', id: 'warnings' },
      i.warnings.map((w) => el('li', { 'data-code': w.code }, tr(`warn.${w.code}`, { count: w.count, line: w.first_line })))),
    el('dl', { class: 'facts' },
      fact(tr('format'), [i.format, i.encoding, i.sheet].filter(Boolean).join(' · ')),
      delim && fact(tr('delimiter'), delim),
      fact(tr('headerLine'), i.header_line ? String(i.header_line) : tr('noHeader')),
      roles.length > 0 && fact(tr('columnsUsed'), el('span', { id: 'column-roles' },
        roles.flatMap(([role, header], n) => [n ? ', ' : '', `${tr(`role.${role}`)} ← `, el('q', {}, header)]))),
      i.date_order && fact(tr('dateOrder'), tr(i.date_order))),
    columnsPanel(i, tr, ctx));
}

function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

/** The column panel: each header with its first values and a role picker. */
function columnsPanel(i, tr, ctx) {
  const roleOf = Object.fromEntries(Object.entries(i.columns ?? {}).map(([role, header]) => [header, role]));
  const headers = i.headers ?? [];
  return el('details', { class: 'columns', id: 'columns' },
    el('summary', {}, tr('columnsTitle')),
    el('p', { class: 'muted' }, tr('columnsHint')),
    el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', {}, h)))),
      el('tbody', {},
        el('tr', { class: 'roles' }, headers.map((h) => el('td', {},
          el('select', { 'aria-label': h, onchange: (e) => ctx.onRole(e.target.value, h) },
            el('option', { value: '' }, tr('roleNone')),
            ctx.roles.map((role) => {
              const o = el('option', { value: role }, tr(`role.${role}`));
              if (roleOf[h] === role) o.selected = true;
              return o;
            }))))),
        (i.preview ?? []).map((row) => el('tr', {}, headers.map((_, j) => el('td', {}, row[j] ?? ''))))))));
}

/** Buttons that build each file in the worker and save it from a blob: URL. */
function downloadsSection(tr, ctx) {
  const delimiter = el('select', { id: 'csv-delimiter', 'aria-label': tr('csvDelimiter') },
    el('option', { value: ';' }, tr('csvSemicolon')), el('option', { value: ',' }, tr('csvComma')));
  const button = (kind, label) => el('button', { type: 'button', 'data-download': kind, onclick: () => ctx.onDownload(kind, delimiter.value) }, label);
  return el('section', { class: 'card', id: 'downloads' },
    el('h2', {}, tr('downloadsTitle')),
    el('div', { class: 'toolbar' },
      button('clients', tr('dlClients')), button('xlsx', tr('dlXlsx')), button('html', tr('dlHtml')),
      el('label', {}, el('span', {}, tr('csvDelimiter')), delimiter)));
}

function totalsSection(r, lang, tr) {
  const x = r.totals;
  const card = (id, label, value, sub) => el('div', { class: 'stat', id }, el('span', { class: 'label' }, label), el('span', { class: 'value' }, value), sub && el('span', { class: 'sub' }, sub));
  return el('section', { class: 'card', id: 'totals' },
    el('h2', {}, tr('totalsTitle')),
    el('div', { class: 'stats' },
      card('total-revenue', tr('revenue'), money(x.revenue, lang)),
      card('total-clients', tr('clients'), int(x.clients, lang)),
      card('total-purchases', tr('purchases'), int(x.purchases, lang)),
      card('total-returns', tr('returns'), int(x.returns, lang), x.returns ? `${tr('returnsAmount')} ${money(x.returns_amount, lang)}` : null),
      card('total-period', tr('covered'), `${date(x.first_date, lang)} — ${date(x.last_date, lang)}`),
      card('total-asof', tr('asOfShort'), date(x.as_of, lang), `${tr('windowFrom')}: ${date(x.window_start, lang)} — ${date(x.as_of, lang)}`)));
}

function abcSection(r, lang, tr) {
  const a = r.abc;
  const [ta, tb] = a.thresholds;
  return el('section', { class: 'card', id: 'abc' },
    el('h2', {}, tr('abcTitle')),
    el('p', { class: 'muted', id: 'abc-explain' }, tr('abcExplain', { a: ta, b: tb })),
    el('div', { class: 'scroll' }, el('table', { class: 'summary' },
      el('thead', {}, el('tr', {}, [tr('group'), tr('count'), tr('countShare'), tr('value'), tr('valueShare')].map((h, n) => el('th', { scope: 'col', class: n ? 'num' : null }, h)))),
      el('tbody', {},
        a.groups.map((g) => el('tr', { 'data-group': g.group },
          el('th', { scope: 'row' }, el('span', { class: `badge g${g.group}` }, g.group)),
          el('td', { class: 'num count' }, int(g.count, lang)),
          el('td', { class: 'num' }, pct(g.count_share, lang)),
          el('td', { class: 'num value' }, money(g.value, lang)),
          el('td', { class: 'num' }, pct(g.value_share, lang)))),
        el('tr', { class: 'inactive', 'data-group': 'inactive' },
          el('th', {}, tr('inactive')), el('td', { class: 'num count' }, int(a.inactive, lang)), el('td'), el('td'), el('td'))))));
}

/** Column orders of one report, computed once: sorting 100 000 clients on every
 *  keystroke of the search would stall the page. report.clients -> Map("key dir" -> indexes). */
const orders = new WeakMap();
/** Lower-cased client ids for the search, per report and language. */
const lowered = new WeakMap();

function orderOf(clients, key, kind, dir, lang) {
  let cache = orders.get(clients);
  if (!cache) orders.set(clients, (cache = new Map()));
  const id = `${key} ${dir} ${lang}`;
  if (!cache.has(id)) {
    let keys;
    let cmp;
    if (kind === 'money') {
      keys = clients.map((c) => moneyKey(c[key]));
      cmp = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
    } else if (kind === 'num') {
      keys = clients.map((c) => c[key] ?? -Infinity);
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

function clientsSection(r, lang, tr) {
  const section = el('section', { class: 'card', id: 'clients' });
  const cols = [
    ['id', tr('client'), 'text'],
    ['abc', tr('group'), 'text'],
    ['window_revenue', tr('windowRevenue'), 'money'],
    ['revenue', tr('allRevenue'), 'money'],
    ['purchases', tr('purchases'), 'num'],
    ['first_purchase', tr('firstPurchase'), 'text'],
    ['last_purchase', tr('lastPurchase'), 'text'],
  ];
  const search = el('input', { type: 'search', id: 'client-search', placeholder: tr('search'), 'aria-label': tr('search'), value: table.query });
  const group = el('select', { id: 'client-group', 'aria-label': tr('group') },
    el('option', { value: '' }, tr('allGroups')), ['A', 'B', 'C'].map((g) => el('option', { value: g }, g)),
    el('option', { value: 'none' }, tr('inactiveShort')));
  group.value = table.group;
  const body = el('tbody');
  const info = el('span', { class: 'muted', id: 'client-info', 'aria-live': 'polite' });
  const prev = el('button', { type: 'button', id: 'prev' }, tr('prev'));
  const next = el('button', { type: 'button', id: 'next' }, tr('next'));
  const heads = cols.map(([key, label, kind]) => el('th', { scope: 'col', 'data-key': key, class: kind !== 'text' ? 'num' : null },
    el('button', { type: 'button', class: 'sort', onclick: () => {
      table.dir = table.sort === key ? -table.dir : kind === 'text' ? 1 : -1;
      table.sort = key;
      table.page = 0;
      draw();
    } }, label)));

  function draw() {
    if (!cols.some(([k]) => k === table.sort)) table.sort = 'window_revenue';
    const [, , kind] = cols.find(([k]) => k === table.sort);
    const order = orderOf(r.clients, table.sort, kind, table.dir, lang);
    const q = table.query.trim().toLocaleLowerCase(lang);
    const ids = q ? lowerIds(r.clients, lang) : null;
    const want = table.group === 'none' ? null : table.group;
    const rows = !q && !table.group ? order : order.filter((i) =>
      (!q || ids[i].includes(q)) && (!table.group || r.clients[i].abc === want));
    const pages = Math.max(1, Math.ceil(rows.length / PAGE));
    table.page = Math.max(0, Math.min(table.page, pages - 1));
    const from = table.page * PAGE;
    const shown = rows.slice(from, from + PAGE).map((i) => r.clients[i]);
    body.replaceChildren(...(shown.length ? shown.map((c) => el('tr', {},
      el('td', { class: 'client' }, c.id),
      el('td', {}, c.abc ? el('span', { class: `badge g${c.abc}` }, c.abc) : '—'),
      el('td', { class: 'num' }, money(c.window_revenue, lang)),
      el('td', { class: 'num' }, money(c.revenue, lang)),
      el('td', { class: 'num' }, int(c.purchases, lang)),
      el('td', {}, date(c.first_purchase, lang)),
      el('td', {}, date(c.last_purchase, lang)))) : [el('tr', {}, el('td', { colspan: cols.length }, tr('nothingFound')))]));
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === table.sort ? (table.dir > 0 ? 'ascending' : 'descending') : 'none');
    info.textContent = tr('shown', { from: int(rows.length ? from + 1 : 0, lang), to: int(from + shown.length, lang), n: int(rows.length, lang) });
    prev.disabled = table.page === 0;
    next.disabled = table.page >= pages - 1;
  }

  search.addEventListener('input', () => { table.query = search.value; table.page = 0; draw(); });
  group.addEventListener('change', () => { table.group = group.value; table.page = 0; draw(); });
  prev.addEventListener('click', () => { table.page -= 1; draw(); });
  next.addEventListener('click', () => { table.page += 1; draw(); });
  section.append(
    el('h2', {}, tr('clientsTitle')),
    el('div', { class: 'toolbar' }, search, group, info, prev, next),
    el('div', { class: 'scroll' }, el('table', { class: 'clients' }, el('thead', {}, el('tr', {}, heads)), body)));
  draw();
  return section;
}
