// NPS where the file has scores: overall (every answer), per client (latest answer)
// and per segment; without scores, a line saying how to get it.
import { int, score as scoreText } from '../format.js';
import { el, head } from './dom.js';

const KINDS = ['abc', 'matrix', 'abcdx', 'quadrant', 'rfm', 'manager'];

export function npsSection(r, lang, tr) {
  const n = r.nps;
  const section = el('section', { class: 'card', id: 'nps', 'data-present': String(Boolean(n)) }, el('h2', {}, tr('npsTitle')));
  if (!n) {
    section.append(el('p', { class: 'muted', id: 'nps-absent' }, tr('npsAbsent')));
    return section;
  }
  const score = (x) => scoreText(x.score, lang);
  const segName = Object.fromEntries((r.rfm?.segments ?? []).map((s) => [s.segment, tr(s.name)]));
  const label = (kind, key) => (kind === 'rfm' ? segName[key] ?? key : kind === 'quadrant' ? `${key} — ${tr(`quadrant.${key}`)}` : key);
  const row = (name, x, attrs = {}) => el('tr', attrs,
    el('th', { scope: 'row', class: 'client' }, name),
    el('td', { class: 'num score' }, score(x)),
    el('td', { class: 'num' }, int(x.responses, lang)),
    el('td', { class: 'num' }, int(x.promoters, lang)),
    el('td', { class: 'num' }, int(x.passives, lang)),
    el('td', { class: 'num' }, int(x.detractors, lang)));
  const cols = (first) => head([first, 'NPS', tr('npsResponses'), tr('npsPromoters'), tr('npsPassives'), tr('npsDetractors')], (k) => k > 0);
  section.append(
    el('p', { class: 'muted' }, tr('npsExplain')),
    el('div', { class: 'stats' },
      el('div', { class: 'stat', id: 'nps-overall' }, el('span', { class: 'label' }, tr('npsOverall')), el('span', { class: 'value' }, score(n.overall)),
        el('span', { class: 'sub' }, tr('npsSub', { n: int(n.overall.responses, lang), p: int(n.overall.promoters, lang), d: int(n.overall.detractors, lang) }))),
      el('div', { class: 'stat', id: 'nps-clients' }, el('span', { class: 'label' }, tr('npsClients')), el('span', { class: 'value' }, score(n.clients)),
        el('span', { class: 'sub' }, tr('npsSub', { n: int(n.clients.responses, lang), p: int(n.clients.promoters, lang), d: int(n.clients.detractors, lang) })))),
    ...KINDS.filter((k) => n.by_segment?.[k]).map((kind) => el('details', { class: 'nps-kind', 'data-kind': kind, open: kind === 'matrix' },
      el('summary', {}, tr(`npsBy.${kind}`)),
      el('div', { class: 'scroll' }, el('table', { class: 'summary' }, cols(tr(`npsBy.${kind}`)),
        el('tbody', {}, Object.entries(n.by_segment[kind]).map(([key, x]) => row(label(kind, key), x, { 'data-segment': key }))))))));
  return section;
}
