// The team: one row per manager (and per branch where the file has one) with the
// portfolio's figures from the Report and its one-line reading, made from catalogue
// texts and the Report's figures. A click on a manager narrows every view to that
// manager's clients (the `manager` setting: the link carries it); the banner above
// the results clears it. Names are the file's text: they only go in as text.
import { money, moneyKey, int, pct } from '../format.js';
import { t } from '../i18n.js';
import { el, jump } from './dom.js';

const CELLS = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'];
/** The order the table keeps across redraws (a click re-sorts, a second one reverses). */
const order = { key: 'revenue', dir: -1 };

/** Money the reading line shows: whole units, in the page's grouping. */
const whole = (m, lang) => money(String(m ?? '0').split('.')[0], lang);

/** The one-line reading (the core's `team::reading_text` fills the same texts). */
export function reading(p, lang) {
  const r = p.reading;
  const kept = r.kept == null ? t(lang, 'teamNoBase')
    : t(lang, 'teamKeeps', { share: `${int(Math.round(r.kept * 100), lang)} %` });
  const leaving = t(lang, `teamLeaving.${r.leaving}`, { n: int(r.count, lang), count: r.count, money: whole(r.at_stake, lang) });
  return t(lang, 'teamReading', { kept, leaving });
}

/** The sort key of a column: numbers, exact money as BigInt, names as text. */
const COLUMNS = [
  ['name', 'text', (p) => p.name ?? ''],
  ['clients', 'num', (p) => p.active],
  ['revenue', 'money', (p) => p.revenue],
  ['a_share', 'num', (p) => p.a_share],
  ['cells', 'num', (p) => p.cells?.AX ?? 0],
  ['leaving', 'num', (p) => p.leaving],
  ['at_stake', 'money', (p) => p.at_stake],
  ['gone', 'num', (p) => p.gone_recent],
  ['lost', 'money', (p) => p.revenue_lost],
  ['leakage', 'num', (p) => p.leakage ?? -1],
  ['winback', 'num', (p) => p.winback],
  ['one_time', 'num', (p) => p.one_time],
  ['nps', 'num', (p) => p.nps?.score ?? -1000],
  ['largest', 'num', (p) => p.largest?.share ?? 0],
  ['reading', 'text', (p) => p.reading.at_stake],
];
const LABELS = {
  clients: 'teamCol.clients', revenue: 'teamCol.revenue', a_share: 'teamCol.aShare', cells: 'teamCol.cells',
  leaving: 'teamCol.leaving', at_stake: 'teamCol.atStake', gone: 'teamCol.gone', lost: 'teamCol.lost',
  leakage: 'teamCol.leakage', winback: 'teamCol.winback', one_time: 'teamCol.oneTime', nps: 'teamCol.nps',
  largest: 'teamCol.largest', reading: 'teamCol.reading',
};

function sorted(list, lang) {
  const [, kind, key] = COLUMNS.find(([k]) => k === order.key) ?? COLUMNS[2];
  const collator = new Intl.Collator(lang, { numeric: true });
  const cmp = (a, b) => {
    if (order.key === 'name') return collator.compare(a, b);
    if (kind === 'money' || order.key === 'reading') {
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
      el('div', { class: 'list-head' }, el('p', { class: 'muted' }, tr('teamExplain')),
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
  const first = tr(kind === 'manager' ? 'teamCol.manager' : 'teamCol.branch');
  const heads = COLUMNS.map(([key, type]) => el('th', { scope: 'col', 'data-key': key, class: type !== 'text' ? 'num' : null },
    el('button', { type: 'button', class: 'sort', onclick: () => {
      order.dir = order.key === key ? -order.dir : type === 'text' && key === 'name' ? 1 : -1;
      order.key = key;
      draw();
    } }, key === 'name' ? first : tr(LABELS[key]))));
  const cells = (p) => CELLS.filter((c) => p.cells?.[c]).map((c) => `${c} ${int(p.cells[c], lang)}`).join(' · ') || '—';
  const name = (p) => {
    if (p.name == null) return el('span', { class: 'muted' }, tr(kind === 'manager' ? 'teamNoName' : 'teamNoBranch'));
    // A manager's name narrows every view; a branch is only shown.
    if (kind !== 'manager' || r.team.filter != null) return p.name;
    return el('button', { type: 'button', class: 'link manager-pick', 'data-manager': p.name, title: tr('teamPick', { name: p.name }),
      onclick: () => ctx.onSetting?.('manager', p.name) }, p.name);
  };
  const row = (p) => el('tr', { 'data-name': p.name ?? '' },
    el('th', { scope: 'row', class: 'client' }, name(p)),
    el('td', { class: 'num' }, tr('teamActive', { active: int(p.active, lang), clients: int(p.clients, lang) })),
    el('td', { class: 'num' }, money(p.revenue, lang)),
    el('td', { class: 'num' }, pct(p.a_share, lang)),
    el('td', { class: 'cells' }, cells(p)),
    el('td', { class: 'num' }, p.leaving_a ? `${int(p.leaving, lang)} (A ${int(p.leaving_a, lang)})` : int(p.leaving, lang)),
    el('td', { class: 'num' }, money(p.at_stake, lang)),
    el('td', { class: 'num' }, int(p.gone_recent, lang)),
    el('td', { class: 'num' }, money(p.revenue_lost, lang)),
    el('td', { class: `num${p.above_norm ? ' above-norm' : ''}`, title: p.above_norm ? tr('leakageStatus.above_norm') : null },
      p.leakage == null ? '—' : pct(p.leakage, lang)),
    el('td', { class: 'num' }, `${int(p.winback, lang)} / ${int(p.winback_first, lang)}`),
    el('td', { class: 'num' }, int(p.one_time, lang)),
    el('td', { class: 'num' }, p.nps ? `${new Intl.NumberFormat(lang, { maximumFractionDigits: 0, signDisplay: 'exceptZero' }).format(p.nps.score)} (${int(p.nps.responses, lang)})` : '—'),
    el('td', { class: 'num', title: p.largest?.id ?? null }, p.largest ? pct(p.largest.share, lang) : '—'),
    el('td', { class: 'reading' }, reading(p, lang)));
  function draw() {
    body.replaceChildren(...sorted(list, lang).map(row));
    for (const th of heads) th.setAttribute('aria-sort', th.dataset.key === order.key ? (order.dir > 0 ? 'ascending' : 'descending') : 'none');
  }
  draw();
  return el('div', { class: 'scroll' }, el('table', { class: 'team', id }, el('thead', {}, el('tr', {}, heads)), body));
}
