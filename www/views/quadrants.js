// Loyalty x profitability: four quadrants laid out as the chart reads (loyalty up,
// profit right), each with its clients, profit and what to do; and a scatter of at
// most 2 000 clients (SVG built node by node; a core chart will replace it).
import { money, int, pct } from '../format.js';
import { el, svg, playbook } from './dom.js';
import { showClients } from './clients.js';

const MAX_POINTS = 2000;
const W = 340;
const H = 240;
const PAD = { l: 36, r: 10, t: 10, b: 34 };
/** Signed log scale: profit spans orders of magnitude and can be negative. */
const slog = (v) => Math.sign(v) * Math.log10(1 + Math.abs(v));

export function quadrantsSection(r, lang, tr) {
  const q = r.quadrants;
  const by = Object.fromEntries(q.quadrants.map((x) => [x.quadrant, x]));
  const measure = tr(`measure.${q.profit_measure}`);
  const card = (k) => {
    const x = by[k];
    return el('div', { class: `quadrant q${k}-box`, 'data-quadrant': k },
      el('h3', {}, el('button', { type: 'button', class: 'link', onclick: () => showClients({ quadrant: k }) }, x.playbook.title[lang])),
      el('p', { class: 'figures' },
        el('span', { class: 'count' }, tr('nClients', { n: int(x.count, lang) })), ` (${pct(x.count_share, lang)}) · ${measure} `,
        el('span', { class: 'value' }, money(x.profit, lang)), ` (${pct(x.profit_share, lang)})`),
      playbook(x.playbook, lang, tr));
  };
  const splitMoney = money(q.profit_split.toFixed(2), lang);
  return el('section', { class: 'card', id: 'quadrants', 'data-measure': q.profit_measure },
    el('h2', {}, tr('quadrantsTitle')),
    el('p', { class: 'muted', id: 'quadrants-explain' }, tr('quadrantsExplain', {
      measure: tr(`measure.${q.profit_measure}`).toLocaleLowerCase(lang), lp: q.percentiles[0], pp: q.percentiles[1],
      loyalty: new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(q.loyalty_split), profit: splitMoney,
    })),
    el('div', { class: 'quadrant-layout' },
      el('div', { class: 'quadrant-grid' }, ['II', 'III', 'I', 'IV'].map(card)),
      scatter(r, q, lang, tr)));
}

function scatter(r, q, lang, tr) {
  const key = q.profit_measure === 'margin' ? 'window_margin' : 'window_revenue';
  const all = r.clients.filter((c) => c.quadrant && c.loyalty != null);
  // Every k-th client of the report's order (by revenue): the shape, not every dot.
  const step = Math.max(1, Math.ceil(all.length / MAX_POINTS));
  const shown = all.filter((_, i) => i % step === 0);
  const xs = shown.map((c) => slog(Number(c[key] ?? 0)));
  const split = slog(q.profit_split);
  const lo = Math.min(split, ...xs);
  const hi = Math.max(split, ...xs);
  const span = hi - lo || 1;
  const X = (v) => PAD.l + ((v - lo) / span) * (W - PAD.l - PAD.r);
  const Y = (v) => H - PAD.b - v * (H - PAD.t - PAD.b);
  const corner = (label, x, y, anchor) => svg('text', { class: 'corner', x, y, 'text-anchor': anchor }, label);
  return el('figure', { class: 'scatter-wrap' },
    svg('svg', { class: 'chart scatter', id: 'scatter', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': tr('scatterLabel') },
      svg('rect', { class: 'frame', x: PAD.l, y: PAD.t, width: W - PAD.l - PAD.r, height: H - PAD.t - PAD.b }),
      svg('line', { class: 'split', x1: X(split), x2: X(split), y1: Y(0), y2: Y(1) }),
      svg('line', { class: 'split', x1: X(lo), x2: X(hi), y1: Y(q.loyalty_split), y2: Y(q.loyalty_split) }),
      corner('II', PAD.l + 4, PAD.t + 12, 'start'), corner('III', W - PAD.r - 4, PAD.t + 12, 'end'),
      corner('I', PAD.l + 4, H - PAD.b - 4, 'start'), corner('IV', W - PAD.r - 4, H - PAD.b - 4, 'end'),
      shown.map((c, i) => svg('circle', { class: `dot q${c.quadrant}`, cx: X(xs[i]).toFixed(1), cy: Y(c.loyalty).toFixed(1), r: 2.6 },
        svg('title', {}, `${c.id} — ${c.quadrant}`))),
      [0, 0.5, 1].map((v) => svg('text', { class: 'tick', x: PAD.l - 4, y: Y(v) + 3, 'text-anchor': 'end' }, String(v))),
      svg('text', { class: 'axis', x: (PAD.l + W - PAD.r) / 2, y: H - 6, 'text-anchor': 'middle' }, tr('scatterX', { measure: tr(`measure.${q.profit_measure}`) })),
      svg('text', { class: 'axis', x: 10, y: (PAD.t + H - PAD.b) / 2, 'text-anchor': 'middle', transform: `rotate(-90 10 ${(PAD.t + H - PAD.b) / 2})` }, tr('scatterY'))),
    el('figcaption', { class: 'muted', id: 'scatter-caption' },
      step > 1 ? tr('scatterSample', { n: int(shown.length, lang), of: int(all.length, lang) }) : tr('scatterAll', { n: int(all.length, lang) })));
}
