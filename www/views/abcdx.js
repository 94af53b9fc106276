// ABCDX: who is worth what (A, B, C), who stopped coming (AD, BD, CD), who costs
// more than they bring (X); the lost and costly lists, and fact vs potential.
import { money, int, pct, date } from '../format.js';
import { el, head, badge, playbook, moneyCell } from './dom.js';
import { pagedTable } from './pager.js';
import { showClients } from './clients.js';

const num = (x, lang, digits = 1) => (x == null ? '—' : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(x));

export function abcdxSection(r, lang, tr) {
  const x = r.abcdx;
  const rule = x.x_rule === 'none' ? tr('xRule.none') : tr(`xRule.${x.x_rule}`, { v: num(x.x_threshold, lang, 2) });
  return el('section', { class: 'card', id: 'abcdx', 'data-measure': x.measure },
    el('h2', {}, tr('abcdxTitle')),
    el('p', { class: 'muted', id: 'abcdx-explain' },
      tr('abcdxExplain', { measure: tr(`measureOf.${x.measure}`), days: x.d_min_days, k: num(x.d_interval_multiple, lang, 2) }), ' ', rule),
    el('div', { class: 'scroll' }, el('table', { class: 'summary groups' },
      head([tr('group'), tr('clients'), tr('countShare'), tr('revenue'), tr('valueShare'), tr('whatToDo')], (n) => n > 0 && n < 5),
      el('tbody', {}, x.groups.map((g) => el('tr', { 'data-group': g.group },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', onclick: () => showClients({ abcdx: g.group }) }, badge(g.group, `dx${g.group}`))),
        el('td', { class: 'num count' }, int(g.count, lang)),
        el('td', { class: 'num' }, pct(g.count_share, lang)),
        moneyCell(g.revenue, lang, 'num value'),
        el('td', { class: 'num' }, pct(g.revenue_share, lang)),
        el('td', { class: 'advice' }, el('details', {}, el('summary', {}, tr(g.playbook.title)), playbook(g.playbook, lang, tr)))))))),
    el('h3', {}, tr('lostTitle', { n: int(x.lost.length, lang) })),
    x.lost.length ? pagedTable({
      id: 'abcdx-lost', lang, tr, items: x.lost,
      columns: [[tr('client')], [tr('group')], [tr('lastPurchase')], [tr('daysSince'), true], [tr('dThreshold'), true], [tr(`measure.${x.measure}`), true], [tr('dim.manager')], [tr('channel')]],
      row: (c) => [
        el('td', { class: 'client' }, c.id), el('td', {}, badge(c.group, `dx${c.group}`)), el('td', {}, date(c.last_purchase, lang)),
        el('td', { class: 'num' }, int(c.days_since, lang)), el('td', { class: 'num' }, num(c.threshold_days, lang, 0)),
        moneyCell(c.value, lang), el('td', {}, c.manager ?? '—'), el('td', {}, c.channel ?? '—'),
      ],
    }) : el('p', { class: 'muted' }, tr('nobody')),
    el('h3', {}, tr('costlyTitle', { n: int(x.costly.length, lang) })),
    x.x_rule === 'none' ? el('p', { class: 'muted', id: 'abcdx-costly' }, tr('xRule.none'))
      : x.costly.length ? pagedTable({
        id: 'abcdx-costly', lang, tr, items: x.costly,
        columns: [[tr('client')], ['ABC'], [tr('revenue'), true], [tr('measure.margin'), true], [tr('costToServe'), true], [tr('ratio'), true], [tr('dim.manager')]],
        row: (c) => [
          el('td', { class: 'client' }, c.id), el('td', {}, badge(c.letter)), moneyCell(c.revenue, lang),
          moneyCell(c.margin, lang), moneyCell(c.cost_to_serve, lang),
          el('td', { class: 'num' }, c.ratio == null ? '—' : x.x_rule === 'margin' ? pct(c.ratio, lang) : num(c.ratio, lang, 2)),
          el('td', {}, c.manager ?? '—'),
        ],
      }) : el('p', { class: 'muted', id: 'abcdx-costly' }, tr('nobody')),
    potential(x.potential, lang, tr));
}

/** Fact vs potential: clients that could be in a higher group than they are. */
function potential(p, lang, tr) {
  if (!p) return el('p', { class: 'muted', id: 'abcdx-potential' }, tr('noPotential'));
  return el('div', { id: 'abcdx-potential' },
    el('h3', {}, tr('potentialTitle', { n: int(p.clients.length, lang) })),
    playbook(p.playbook, lang, tr),
    p.clients.length ? pagedTable({
      id: 'abcdx-gaps', lang, tr, items: p.clients,
      columns: [[tr('client')], [tr('potential')], [tr('fact')], ['ABCDX'], [tr('revenue'), true], [tr('dim.manager')]],
      row: (c) => [
        el('td', { class: 'client' }, c.id), el('td', {}, badge(c.potential)), el('td', {}, badge(c.fact)), el('td', {}, badge(c.group, `dx${c.group}`)),
        moneyCell(c.revenue, lang), el('td', {}, c.manager ?? '—'),
      ],
    }) : el('p', { class: 'muted' }, tr('nobody')));
}
