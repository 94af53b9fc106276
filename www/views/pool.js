// The pool: clients coming in (new), going (lost) and coming back, period by period;
// the annual leakage against the 10 % norm; and, when the file says why clients
// left, their reasons beside the usual ones. Charts are drawn by the core into the
// <figure data-chart> placeholders.
import { int, pct, date } from '../format.js';
import { el } from './dom.js';
import { pagedTable } from './pager.js';
import { lifecycleLine, lifecycleNote } from './lifecycle.js';

export function poolSection(r, lang, tr) {
  const k = r.leakage;
  const periods = [...r.pool.periods].reverse(); // the latest period first
  return el('section', { class: 'card', id: 'pool' },
    el('h2', {}, tr('poolTitle')),
    el('p', { class: 'muted' }, tr('poolExplain')),
    lifecycleLine(r, lang, tr, 'pool-lifecycle'),
    el('figure', { class: 'chart', 'data-chart': 'pool' }),
    pagedTable({
      id: 'pool-table', items: periods, lang, tr, size: 12,
      columns: [[tr('period')], [tr('pool.start'), true], [tr('pool.new'), true], [tr('pool.returned'), true], [tr('pool.lost'), true], [tr('pool.end'), true]],
      row: (p) => [el('td', {}, date(p.period_start, lang)),
        ...[p.active_start, p.new, p.returned, p.lost, p.active_end].map((n) => el('td', { class: 'num' }, int(n, lang)))],
    }),
    lifecycleNote(r, 'pool_lost', lang, tr, 'pool-lost-note'),
    el('h3', {}, tr('leakage')),
    el('div', { class: 'leak' },
      el('div', { class: 'stat', id: 'pool-leakage' },
        el('span', { class: 'value' }, k.rate == null ? '—' : pct(k.rate, lang)),
        el('span', { class: `status ${k.status}` }, tr(`leakageStatus.${k.status}`))),
      el('figure', { class: 'chart', 'data-chart': 'leakage' })),
    k.rate == null ? null : el('p', { id: 'pool-leakage-text' }, tr('leakExplain', {
      of: int(k.base_clients, lang), n: int(k.leaked, lang), from: date(k.base_from, lang), to: date(k.base_to, lang),
      rate: pct(k.rate, lang), norm: pct(k.norm, lang),
    })),
    lifecycleNote(r, 'leakage_leaked', lang, tr, 'pool-leakage-note'),
    k.complete_history ? null : el('p', { class: 'muted' }, tr('leakPartial', { from: date(k.base_from, lang) })),
    reasons(k.reasons, lang, tr));
}

function reasons(x, lang, tr) {
  if (!x) return el('p', { class: 'muted', id: 'reasons-none' }, tr('reasonsNone'));
  return el('div', { id: 'reasons' },
    el('h3', {}, tr('reasonsTitle')),
    el('p', { class: 'muted' }, tr('reasonsExplain', { n: int(x.with_reason, lang), of: int(x.lost_clients, lang) })),
    el('div', { class: 'reasons' },
      // Reasons are free text: a file may hold many different ones.
      pagedTable({
        id: 'reasons-table', items: x.counts, lang, tr,
        columns: [[tr('reasonsCols.reason')], [tr('clients'), true], [tr('share'), true]],
        row: (c) => [el('td', {}, c.reason), el('td', { class: 'num' }, int(c.count, lang)), el('td', { class: 'num' }, pct(c.share, lang))],
      }),
      el('div', { id: 'reasons-reference' },
        el('h4', {}, tr('reasonsRef')),
        el('ul', { class: 'bars' }, x.reference.map((ref) => el('li', {},
          el('span', { class: 'num' }, pct(ref.share, lang)), ' ', tr(ref.text)))),
        el('h4', {}, tr('reasonsUsual')),
        el('ul', {}, x.usual.map((u) => el('li', {}, tr(u)))))));
}
