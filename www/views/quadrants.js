// Loyalty x profitability: four quadrants laid out as the chart reads (loyalty up,
// profit right), each with its clients, profit and what to do; and the scatter of
// clients (drawn by the core into the placeholder).
import { money, int, pct } from '../format.js';
import { el, playbook, howFold } from './dom.js';
import { showClients } from './clients.js';

export function quadrantsSection(r, lang, tr) {
  const q = r.quadrants;
  const by = Object.fromEntries(q.quadrants.map((x) => [x.quadrant, x]));
  const measure = tr(`measure.${q.profit_measure}`);
  const card = (k) => {
    const x = by[k];
    return el('div', { class: `quadrant q${k}-box`, 'data-quadrant': k },
      el('h3', {}, el('button', { type: 'button', class: 'link', onclick: () => showClients({ quadrant: k }) }, tr(x.playbook.title))),
      el('p', { class: 'figures' },
        el('span', { class: 'count' }, tr('nClients', { n: int(x.count, lang) })), ` (${pct(x.count_share, lang)}) · ${measure} `,
        el('span', { class: 'value' }, money(x.profit, lang)), ` (${pct(x.profit_share, lang)})`),
      playbook(x.playbook, lang, tr));
  };
  const splitMoney = money(q.profit_split.toFixed(2), lang);
  return el('section', { class: 'card', id: 'quadrants', 'data-measure': q.profit_measure },
    el('h2', {}, tr('quadrantsTitle')),
    el('p', { class: 'muted' }, tr('quadrantsLead')),
    el('div', { class: 'quadrant-layout' },
      el('div', { class: 'quadrant-grid' }, ['II', 'III', 'I', 'IV'].map(card)),
      el('figure', { class: 'chart', 'data-chart': 'quadrants' })),
    // The splits are percentiles: named and explained in the fold.
    howFold('quadrants-how', tr,
      el('p', { id: 'quadrants-explain' }, tr('quadrantsExplain', {
        measure: tr(`measure.${q.profit_measure}`).toLocaleLowerCase(lang), lp: q.percentiles[0], pp: q.percentiles[1],
        loyalty: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(q.loyalty_split), profit: splitMoney,
      })),
      el('p', {}, tr('how.quadrants'))));
}
