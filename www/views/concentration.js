// Concentration: how much of the revenue rests on few clients, the dependency risk
// in plain words, and a small Pareto curve (SVG built node by node; a chart drawn
// by the core will replace it).
import { money, int, pct } from '../format.js';
import { el, svg } from './dom.js';

const W = 320;
const H = 220;
const PAD = { l: 42, r: 12, t: 10, b: 36 };
const X = (share) => PAD.l + share * (W - PAD.l - PAD.r);
const Y = (share) => H - PAD.b - share * (H - PAD.t - PAD.b);

export function concentrationSection(r, lang, tr) {
  const c = r.concentration;
  const stat = (id, label, value, sub) => el('div', { class: 'stat', id }, el('span', { class: 'label' }, label), el('span', { class: 'value' }, value), sub && el('span', { class: 'sub' }, sub));
  const gini = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(c.gini);
  return el('section', { class: 'card', id: 'concentration', 'data-risk': c.risk.level },
    el('h2', {}, tr('concentrationTitle')),
    el('p', { class: `risk risk-${c.risk.level}`, id: 'risk', role: 'note' },
      el('strong', {}, `${tr(`riskLevel.${c.risk.level}`)}. `), c.risk.text[lang]),
    el('div', { class: 'concentration' },
      el('div', { class: 'stats' },
        stat('top20-share', tr('top20Share'), pct(c.top20_share, lang), tr('top20Sub', { n: int(c.top20_clients, lang), of: int(c.clients, lang) })),
        stat('gini', tr('gini'), gini, tr('giniSub')),
        stat('largest-share', tr('largestShare'), pct(c.largest?.share ?? 0, lang), c.largest ? el('span', { class: 'client' }, c.largest.id, ` · ${money(c.largest.revenue, lang)}`) : null),
        stat('top5-share', tr('top5Share'), pct(c.top5_share, lang))),
      pareto(c, lang, tr)));
}

function pareto(c, lang, tr) {
  const points = c.curve.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const p = (v) => `${Math.round(v * 100)}%`;
  return svg('svg', {
    class: 'chart pareto', id: 'pareto', viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': tr('paretoLabel', { p: pct(c.top20_share, lang) }),
  },
  ticks.map((v) => [
    svg('line', { class: 'grid', x1: X(0), x2: X(1), y1: Y(v), y2: Y(v) }),
    svg('text', { class: 'tick', x: PAD.l - 4, y: Y(v) + 3, 'text-anchor': 'end' }, p(v)),
    svg('text', { class: 'tick', x: X(v), y: H - PAD.b + 13, 'text-anchor': 'middle' }, p(v)),
  ]),
  svg('line', { class: 'equal', x1: X(0), y1: Y(0), x2: X(1), y2: Y(1) }),
  svg('line', { class: 'guide', x1: X(0.2), y1: Y(0), x2: X(0.2), y2: Y(c.top20_share) }),
  svg('line', { class: 'guide', x1: X(0), y1: Y(c.top20_share), x2: X(0.2), y2: Y(c.top20_share) }),
  svg('polyline', { class: 'curve', points }),
  svg('circle', { class: 'mark', cx: X(0.2), cy: Y(c.top20_share), r: 3.5 }),
  svg('text', { class: 'axis', x: (X(0) + X(1)) / 2, y: H - 4, 'text-anchor': 'middle' }, tr('paretoX')),
  svg('text', { class: 'axis', x: 10, y: (Y(0) + Y(1)) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${(Y(0) + Y(1)) / 2})` }, tr('paretoY')));
}
