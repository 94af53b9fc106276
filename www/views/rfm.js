// RFM: recency, frequency and monetary scores 1..5, the named segments with what to
// do, and the recency x frequency grid of client counts.
import { money, int, pct } from '../format.js';
import { el, head, howFold, moneyCell } from './dom.js';
import { showClients } from './clients.js';

const range = (v, fmt) => (v ? (v[0] === v[1] ? fmt(v[0]) : `${fmt(v[0])}–${fmt(v[1])}`) : '—');

export function rfmSection(r, lang, tr) {
  const x = r.rfm;
  const max = Math.max(1, ...x.grid.flat());
  // The segment of each cell comes from the Report (the core's rule), as the counts do.
  const segOf = (rs, f) => x.grid_segments[rs - 1][f - 1];
  const name = Object.fromEntries(x.segments.map((s) => [s.segment, tr(s.name)]));
  const grid = el('table', { class: 'rfm-grid', id: 'rfm-grid' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'R \\ F'), [1, 2, 3, 4, 5].map((f) => el('th', { scope: 'col', class: 'num' },
      `F${f}`, el('span', { class: 'range' }, range(x.ranges.frequency[f - 1], (v) => int(v, lang))))))),
    el('tbody', {}, [5, 4, 3, 2, 1].map((rs) => el('tr', {},
      el('th', { scope: 'row' }, `R${rs}`, el('span', { class: 'range' }, tr('daysRange', { d: range(x.ranges.recency_days[rs - 1], (v) => int(v, lang)) }))),
      [1, 2, 3, 4, 5].map((f) => {
        const n = x.grid[rs - 1][f - 1];
        return el('td', { class: `num heat${n ? Math.min(4, Math.ceil((n / max) * 4)) : 0}`, 'data-r': rs, 'data-f': f, title: name[segOf(rs, f)] ?? '' },
          el('span', { class: 'count' }, int(n, lang)), el('span', { class: 'seg' }, name[segOf(rs, f)] ?? ''));
      })))));
  return el('section', { class: 'card', id: 'rfm' },
    el('h2', {}, tr('rfmTitle')),
    el('p', { class: 'muted', id: 'rfm-explain' }, tr(x.recency_days || x.frequency ? 'rfmExplainCustom' : 'rfmExplain', { n: int(x.clients, lang) })),
    el('div', { class: 'scroll' }, el('table', { class: 'summary segments' },
      head([tr('rfmSegment'), tr('clients'), tr('countShare'), tr('revenue'), tr('valueShare'), tr('whatToDo')], (n) => n > 0 && n < 5),
      el('tbody', {}, x.segments.map((s) => el('tr', { 'data-segment': s.segment },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', onclick: () => showClients({ rfm: s.segment }) }, tr(s.name))),
        el('td', { class: 'num count' }, int(s.count, lang)),
        el('td', { class: 'num' }, pct(s.count_share, lang)),
        moneyCell(s.revenue, lang),
        el('td', { class: 'num' }, pct(s.revenue_share, lang)),
        el('td', { class: 'advice' }, tr(s.action))))))),
    el('h3', {}, tr('rfmGridTitle')),
    el('div', { class: 'scroll' }, grid),
    el('p', { class: 'muted' }, tr('rfmMonetary', { ranges: x.ranges.monetary.map((v, i) => `M${i + 1}: ${range(v, (m) => money(m, lang))}`).join(' · ') })),
    howFold('rfm-how', tr, el('p', {}, tr('how.rfm'))));
}
