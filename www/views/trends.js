// Revenue over time: each period's revenue split by ABC group, and cohort retention
// (clients by the period of their first purchase, and the share of them buying in
// each later period). Both are drawn by the core into the placeholders; the figures
// behind each chart are one click away as a table, for reading them exactly and
// for screen readers.
import { money, int, pct, date } from '../format.js';
import { el, head, moneyCell } from './dom.js';

export function trendsSection(r, lang, tr) {
  const periods = r.revenue_by_class.periods;
  const cohorts = r.cohorts.cohorts;
  const width = Math.max(0, ...cohorts.map((c) => c.share.length));
  const figures = (id, table, note) => el('details', { class: 'figures-table', id },
    el('summary', {}, tr('trendsFigures')), note && el('p', { class: 'figures-note' }, note), el('div', { class: 'scroll' }, table));
  return el('section', { class: 'card', id: 'trends' },
    el('h2', {}, tr('trendsTitle')),
    el('p', { class: 'muted' }, tr('trendsExplain')),
    el('div', { class: 'charts-pair' },
      el('div', {},
        el('figure', { class: 'chart', 'data-chart': 'revenue-by-group' }),
        periods.length > 0 && figures('revenue-by-group-table', el('table', {},
          head([tr('period'), 'A', 'B', 'C', tr('trendsTotal')], (n) => n > 0),
          el('tbody', {}, periods.map((p) => el('tr', {},
            el('td', {}, date(p.period_start, lang)),
            ['A', 'B', 'C'].map((k) => moneyCell(p.revenue[k], lang)),
            moneyCell(p.total, lang))))))),
      el('div', {},
        el('figure', { class: 'chart', 'data-chart': 'cohorts' }),
        cohorts.length > 0 && figures('cohorts-table', el('table', {},
          head([tr('firstPurchase'), tr('clients'), ...Array.from({ length: width }, (_, k) => String(k))], (n) => n > 0),
          el('tbody', {}, cohorts.map((c) => el('tr', {},
            el('td', {}, date(c.period_start, lang)),
            el('td', { class: 'num' }, int(c.clients, lang)),
            Array.from({ length: width }, (_, k) => el('td', { class: 'num', title: k < c.active.length ? int(c.active[k], lang) : null },
              k < c.share.length ? pct(c.share[k], lang) : '')))))), tr('cohortAfter')))));
}
