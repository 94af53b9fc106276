// What was read from the file: the row account, warnings, column roles (with the
// panel to change them) and the downloads.
import { int } from '../format.js';
import { el, fact } from './dom.js';
import { csvDelimiter, setCsvDelimiter } from './download.js';

export function inputSection(r, lang, tr, ctx) {
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
      i.warnings.map((w) => el('li', { 'data-code': w.code }, tr(`warn.${w.code}`, { count: w.count, line: w.first_line, lines: (w.lines ?? []).join(', ') })))),
    el('dl', { class: 'facts' },
      fact(tr('format'), [i.format, i.encoding, i.sheet].filter(Boolean).join(' · ')),
      delim && fact(tr('delimiter'), delim),
      fact(tr('headerLine'), i.header_line ? String(i.header_line) : tr('noHeader')),
      roles.length > 0 && fact(tr('columnsUsed'), el('span', { id: 'column-roles' },
        roles.flatMap(([role, header], n) => [n ? ', ' : '', `${tr(`role.${role}`)} ← `, el('q', {}, header)]))),
      i.date_order && fact(tr('dateOrder'), tr(i.date_order))),
    columnsPanel(i, tr, ctx));
}

/** The column panel: each header with its first values and a role picker. With
 *  `open`, it is shown unfolded (the missing-columns error opens it on the file's
 *  header and first rows: `i` is then {headers, preview, columns} of the error). */
export function columnsPanel(i, tr, ctx, { open = false } = {}) {
  const roleOf = Object.fromEntries(Object.entries(i.columns ?? {}).map(([role, header]) => [header, role]));
  const headers = i.headers ?? [];
  return el('details', { class: 'columns', id: 'columns', open },
    el('summary', {}, tr('columnsTitle')),
    el('p', { class: 'muted' }, tr('columnsHint')),
    el('div', { class: 'scroll' }, el('table', {},
      el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {},
        el('tr', { class: 'roles' }, headers.map((h, n) => el('td', {},
          el('select', { id: `role-${n}`, 'aria-label': h, onchange: (e) => ctx.onRole(e.target.value, h) },
            el('option', { value: '' }, tr('roleNone')),
            ctx.roles.map((role) => {
              const o = el('option', { value: role }, tr(`role.${role}`));
              if (roleOf[h] === role) o.selected = true;
              return o;
            }))))),
        (i.preview ?? []).map((row) => el('tr', {}, headers.map((_, j) => el('td', {}, row[j] ?? ''))))))));
}

/** File name endings of the downloads here (the lists have theirs beside them). */
const SUFFIX = { clients: '-clients.csv', xlsx: '.xlsx', html: '-report.html' };

/** The workbook and the report again at the top of the results (the card at the
 *  bottom has every download and the CSV delimiter). */
export function quickDownloads(tr, ctx) {
  const button = (kind, label) => el('button', { type: 'button', 'data-download-quick': kind, onclick: (e) => ctx.onDownload(SUFFIX[kind], csvDelimiter(), e.currentTarget) }, label);
  return el('div', { class: 'toolbar quick-downloads', role: 'group', 'aria-label': tr('downloadsTitle') },
    el('span', { class: 'muted' }, tr('quickDownloads')), button('xlsx', tr('dlXlsxShort')), button('html', tr('dlHtmlShort')));
}

/** Buttons that build each file in the worker and save it from a blob: URL. */
export function downloadsSection(tr, ctx) {
  const delimiter = el('select', { id: 'csv-delimiter', 'aria-label': tr('csvDelimiter'), onchange: (e) => setCsvDelimiter(e.target.value) },
    el('option', { value: ';' }, tr('csvSemicolon')), el('option', { value: ',' }, tr('csvComma')));
  delimiter.value = csvDelimiter() || tr('csvDefaultDelimiter');
  const button = (kind, label) => el('button', { type: 'button', 'data-download': kind, onclick: (e) => ctx.onDownload(SUFFIX[kind], csvDelimiter(), e.currentTarget) }, label);
  return el('section', { class: 'card', id: 'downloads' },
    el('h2', {}, tr('downloadsTitle')),
    el('div', { class: 'toolbar' },
      button('clients', tr('dlClients')), button('xlsx', tr('dlXlsx')), button('html', tr('dlHtml')),
      el('label', {}, el('span', {}, tr('csvDelimiter')), delimiter)));
}
