// One-time buyers: bought once, long ago. The list to call, and what to ask them.
import { money, int, date } from '../format.js';
import { el, moneyCell } from './dom.js';
import { withRows } from './clients.js';
import { pagedTable } from './pager.js';
import { csvButton } from './download.js';

export function oneTimeSection(r, lang, tr, ctx) {
  const o = r.one_time_buyers;
  return el('section', { class: 'card', id: 'onetime' },
    el('div', { class: 'list-head' }, el('h2', {}, tr('nav.onetime')), o.count > 0 && csvButton('one-time', tr, ctx)),
    el('p', {}, tr('oneTimeExplain', { n: int(o.count, lang), money: money(o.revenue, lang) })),
    el('ol', { class: 'questions', id: 'onetime-questions' }, o.questions.map((q) => el('li', {}, tr(q)))),
    o.clients.length ? pagedTable({
      id: 'onetime-list', fetch: withRows(o.clients, lang), lang, tr, wide: true,
      columns: [[tr('client')], [tr('cols2.purchase')], [tr('cols2.amount'), true], [tr('cols2.bought')], [tr('dim.manager')]],
      row: ([x, c]) => [el('td', { class: 'client' }, x.id), el('td', {}, date(x.purchase, lang)), moneyCell(x.revenue, lang),
        el('td', { class: 'why' }, x.products.join(', ') || '—'), el('td', {}, c.manager ?? '—')],
    }) : el('p', { class: 'muted' }, tr('nobody')));
}
