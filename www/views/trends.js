// Revenue over time: each period's revenue split by ABC group, and cohort retention
// (clients by the period of their first purchase, and the share of them buying in
// each later period). Both are drawn by the core into the placeholders.
import { el } from './dom.js';

export function trendsSection(r, lang, tr) {
  return el('section', { class: 'card', id: 'trends' },
    el('h2', {}, tr('trendsTitle')),
    el('p', { class: 'muted' }, tr('trendsExplain')),
    el('div', { class: 'charts-pair' },
      el('figure', { class: 'chart', 'data-chart': 'revenue-by-group' }),
      el('figure', { class: 'chart', 'data-chart': 'cohorts' })));
}
