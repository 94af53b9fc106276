// Concentration: how much of the revenue rests on few clients, the dependency risk
// in plain words, and the Pareto curve (drawn by the core into the placeholder).
import { money, int, pct } from '../format.js';
import { el, howFold } from './dom.js';

export function concentrationSection(r, lang, tr) {
  const c = r.concentration;
  const stat = (id, label, value, sub) => el('div', { class: 'stat', id }, el('span', { class: 'label' }, label), el('span', { class: 'value' }, value), sub && el('span', { class: 'sub' }, sub));
  const gini = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(c.gini);
  return el('section', { class: 'card', id: 'concentration', 'data-risk': c.risk.level },
    el('h2', {}, tr('concentrationTitle')),
    el('p', { class: `risk risk-${c.risk.level}`, id: 'risk', role: 'note' },
      el('strong', {}, `${tr(`riskLevel.${c.risk.level}`)}. `), tr(c.risk.code, riskFigures(c.risk.params, lang))),
    el('div', { class: 'concentration' },
      el('div', { class: 'stats' },
        stat('top20-share', tr('top20Share'), pct(c.top20_share, lang), tr('top20Sub', { n: int(c.top20_clients, lang), of: int(c.clients, lang) })),
        stat('gini', tr('gini'), gini, tr('giniSub')),
        stat('largest-share', tr('largestShare'), pct(c.largest?.share ?? 0, lang), c.largest ? el('span', { class: 'client' }, c.largest.id, ` · ${money(c.largest.revenue, lang)}`) : null),
        stat('top5-share', tr('top5Share'), pct(c.top5_share, lang))),
      el('figure', { class: 'chart', 'data-chart': 'pareto' })),
    howFold('concentration-how', tr, el('p', {}, tr('how.concentration'))));
}

/** The figures of the risk statement (percents 0..100), as the core fills them
 *  (Risk::text): by the one share rule, as the tiles below write them. */
function riskFigures(p, lang) {
  const one = (x) => pct(x / 100, lang);
  return { id: p.largest_id ?? '', largest: one(p.largest_pct), top5: one(p.top5_pct), top20: one(p.top20_pct), k: p.top20_clients, cap: one(p.largest_bounds[0]) };
}
