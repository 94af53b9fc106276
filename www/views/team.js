// The team: one row per manager (and per branch where the file has one) with the
// portfolio's figures from the Report and its one-line reading, made from catalogue
// texts and the Report's figures. A click on a manager narrows every view to that
// manager's clients (the `manager` setting: the link carries it); the banner above
// the results clears it. Names are the file's text: they only go in as text.
import { money, moneyKey, moneyTitle, int, pct } from '../format.js';
import { t } from '../i18n.js';
import { el, jump, labelCells } from './dom.js';
import { SETTING } from '../settings.js';

const CELLS = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'];
/** The order each table keeps across redraws (a click re-sorts, a second one reverses). */
const orders = {};

/** Money by the page's one rule (format.js `money`), the exact figure as its title. */
const whole = (m, lang) => el('span', { title: moneyTitle(m, lang) }, money(m, lang));

/** The one-line reading (the core's `team::reading_text` fills the same texts). */
export function reading(p, lang) {
  const r = p.reading;
  const kept = r.kept == null ? t(lang, 'teamNoBase')
    : t(lang, 'teamKeeps', { share: pct(r.kept, lang) });
  const leaving = t(lang, `teamLeaving.${r.leaving}`, { n: int(r.count, lang), count: r.count, money: money(r.at_stake, lang) });
  return t(lang, 'teamReading', { kept, leaving });
}

/** The sort key of a column: numbers, exact money as BigInt, names as text. */
const COLUMNS = [
  ['name', 'text', (p) => p.name ?? ''],
  ['clients', 'num', (p) => p.active],
  ['revenue', 'money', (p) => p.revenue],
  ['a_share', 'num', (p) => p.a_share],
  ['cells', 'num', (p) => p.cells?.AX ?? 0],
  // Two figures a column: the count, and the money below it, which sorts.
  ['at_stake', 'money', (p) => p.at_stake],
  ['lost', 'money', (p) => p.revenue_lost],
  ['leakage', 'num', (p) => p.leakage ?? -1],
  ['winback', 'num', (p) => p.winback],
  ['one_time', 'num', (p) => p.one_time],
  ['nps', 'num', (p) => p.nps?.score ?? -1000],
  ['largest', 'num', (p) => p.largest?.share ?? 0],
];
const LABELS = {
  clients: 'teamCol.clients', revenue: 'teamCol.revenue', a_share: 'teamCol.aShare', cells: 'teamCol.cells',
  at_stake: 'teamCol.leavingAtStake', lost: 'teamCol.goneLost',
  leakage: 'teamCol.leakage', winback: 'teamCol.winback', one_time: 'teamCol.oneTime', nps: 'teamCol.nps',
  largest: 'teamCol.largest',
};

function sorted(list, order, lang) {
  const [, kind, key] = COLUMNS.find(([k]) => k === order.key) ?? COLUMNS[2];
  const collator = new Intl.Collator(lang, { numeric: true });
  const cmp = (a, b) => {
    if (order.key === 'name') return collator.compare(a, b);
    if (kind === 'money') {
      const [x, y] = [moneyKey(a), moneyKey(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    }
    return a - b;
  };
  // The clients no line names stay last whatever the order.
  return list.map((p, i) => [p, i]).sort(([a, i], [b, j]) =>
    (a.name == null) - (b.name == null) || order.dir * cmp(key(a), key(b)) || i - j).map(([p]) => p);
}

/** The line above every view while the report is narrowed to one manager. */
export function filterBanner(r, tr, ctx) {
  const name = r.team?.filter;
  if (name == null) return null;
  return el('div', { class: 'filter-banner', id: 'manager-filter', role: 'status' },
    el('span', { id: 'manager-filter-text' }, tr('teamFilterOn', { name })),
    r.totals.clients === 0 && el('span', { class: 'muted' }, ` ${tr('teamFilterEmpty')}`),
    el('button', { type: 'button', id: 'manager-clear', onclick: () => ctx.onSetting?.('manager', null) }, tr('teamFilterClear')));
}

export function teamSection(r, lang, tr, ctx) {
  const team = r.team ?? { has_managers: false, managers: [], branches: [] };
  const section = el('section', { class: 'card', id: 'team', 'data-managers': String(team.managers.length) },
    el('h2', {}, tr('teamTitle')));
  if (!team.has_managers) {
    section.append(el('p', { class: 'muted', id: 'team-absent' }, tr('teamNoManager'), ' ',
      el('button', { type: 'button', class: 'link', id: 'team-columns', onclick: () => {
        const panel = document.getElementById('columns');
        if (panel) panel.open = true;
        jump('columns');
      } }, tr('teamColumnsLink'))));
  } else {
    section.append(
      // Narrowed, the names no longer narrow: the card says whose clients it shows.
      el('div', { class: 'list-head' }, el('p', { class: 'muted' }, team.filter == null ? tr('teamExplain') : tr('teamFilterOn', { name: team.filter })),
        el('button', { type: 'button', class: 'csv', id: 'team-calls', 'data-download': 'calls',
          onclick: (e) => ctx.onDownload?.('-calls.xlsx', ';', e.currentTarget) }, tr('dlTeam'))),
      table('team-managers', team.managers, 'manager', r, lang, tr, ctx));
  }
  if (team.has_branches && team.branches.length) {
    section.append(el('h3', {}, tr('teamBranchesTitle')), table('team-branches', team.branches, 'branch', r, lang, tr, ctx));
  }
  return section;
}

function table(id, list, kind, r, lang, tr, ctx) {
  const body = el('tbody');
  const order = (orders[id] ??= { key: 'revenue', dir: -1 });
  const first = tr(kind === 'manager' ? 'teamCol.manager' : 'teamCol.branch');
  // NPS only where someone answered.
  const columns = COLUMNS.filter(([key]) => key !== 'nps' || list.some((p) => p.nps));
  const heads = columns.map(([key, type]) => el('th', { scope: 'col', 'data-key': key, class: type !== 'text' ? 'num' : null },
    el('button', { type: 'button', class: 'sort', onclick: () => {
      order.dir = order.key === key ? -order.dir : type === 'text' && key === 'name' ? 1 : -1;
      order.key = key;
      draw();
    } }, key === 'name' ? first : tr(LABELS[key]))));
  // The nine cells as the matrix lays them out: A to C down, X to Z across.
  const cells = (p) => el('span', { class: 'mini-matrix', role: 'img', 'aria-label': CELLS.map((c) => `${c} ${int(p.cells?.[c] ?? 0, lang)}`).join(', ') },
    ['', 'X', 'Y', 'Z'].map((x) => el('span', { class: 'axis' }, x)),
    ['A', 'B', 'C'].map((a) => [el('span', { class: 'axis' }, a),
      ['X', 'Y', 'Z'].map((x) => el('span', { class: p.cells?.[a + x] ? null : 'zero', title: a + x }, int(p.cells?.[a + x] ?? 0, lang)))]));
  const name = (p) => {
    if (p.name == null) return el('span', { class: 'muted' }, tr(kind === 'manager' ? 'teamNoName' : 'teamNoBranch'));
    // A manager's name narrows every view; a branch is only shown.
    // A name past the setting's limit could not travel in a link: shown, not offered.
    if (kind !== 'manager' || r.team.filter != null || [...p.name].length > SETTING.manager.max_chars) return p.name;
    return el('button', { type: 'button', class: 'link manager-pick', 'data-manager': p.name, title: tr('teamPick', { name: p.name }),
      onclick: () => ctx.onSetting?.('manager', p.name) }, p.name);
  };
  // Each portfolio is two rows: its figures, and its reading across the table.
  const cell = {
    name: (p) => el('th', { scope: 'row', class: 'client' }, name(p)),
    clients: (p) => el('td', { class: 'num' }, tr('teamActive', { active: int(p.active, lang), clients: int(p.clients, lang) })),
    revenue: (p) => el('td', { class: 'num' }, whole(p.revenue, lang)),
    a_share: (p) => el('td', { class: 'num' }, pct(p.a_share, lang)),
    cells: (p) => el('td', { class: 'cells' }, cells(p)),
    at_stake: (p) => el('td', { class: 'num two' },
      el('span', {}, p.leaving_a ? `${int(p.leaving, lang)} (A ${int(p.leaving_a, lang)})` : int(p.leaving, lang)),
      el('span', { class: 'money' }, whole(p.at_stake, lang))),
    lost: (p) => el('td', { class: 'num two' }, el('span', {}, int(p.gone_recent, lang)), el('span', { class: 'money' }, whole(p.revenue_lost, lang))),
    leakage: (p) => el('td', { class: `num${p.above_norm ? ' above-norm' : ''}`, title: p.above_norm ? tr('leakageStatus.above_norm') : null },
      p.leakage == null ? '—' : pct(p.leakage, lang)),
    winback: (p) => el('td', { class: 'num' }, `${int(p.winback, lang)} / ${int(p.winback_first, lang)}`),
    one_time: (p) => el('td', { class: 'num' }, int(p.one_time, lang)),
    nps: (p) => el('td', { class: 'num' }, p.nps
      ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(p.nps.score)} (${int(p.nps.responses, lang)})` : '—'),
    largest: (p) => el('td', { class: 'num', title: p.largest?.id ?? null }, p.largest ? pct(p.largest.share, lang) : '—'),
  };
  // Each portfolio is two rows: its figures, and its reading across the table.
  const rows = (p) => [el('tr', { 'data-name': p.name ?? '' }, columns.map(([key]) => cell[key](p))),
    el('tr', { class: 'reading-row' }, el('td', { colspan: columns.length, class: 'reading' }, el('span', {}, reading(p, lang))))];
  // A phone shows each portfolio as a card of labelled figures (style.css
  // `table.cards`): twelve columns do not fit 390 px; the name heads the card.
  const labels = [null, ...heads.slice(1).map((th) => th.textContent)];
  function draw() {
    body.replaceChildren(...sorted(list, order, lang).flatMap(rows));
    labelCells(body, labels);
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === order.key ? (order.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  draw();
  return el('div', { class: 'scroll' }, el('table', { class: 'team cards', id }, el('thead', {}, el('tr', {}, heads)), body));
}
