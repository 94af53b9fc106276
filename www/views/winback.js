// Whom to win back: the lost clients in four groups by the cell they were in, each
// a call list with what a manager needs (manager, last purchase, what they bought,
// annual value, channel) and its own CSV. Which cells make a group is a setting.
import { money, int, date } from '../format.js';
import { el, moneyCell } from './dom.js';
import { withRows } from './clients.js';
import { pagedTable } from './pager.js';
import { csvButton } from './download.js';
import { chance90, chance90Label } from './leaving.js';

export function winbackSection(r, lang, tr, ctx) {
  const w = r.winback;
  return el('section', { class: 'card', id: 'winbacks' },
    el('h2', {}, tr('winTitle')),
    el('p', { class: 'muted' }, tr('winExplain', { n: int(w.lost, lang), money: money(w.annual_value, lang), ...gone(r, lang) }),
      ' ', el('button', { type: 'button', class: 'link', id: 'winback-edit', onclick: () => ctx.onEditWinback?.() }, tr('winEdit'))),
    w.groups.map((g) => el('div', { class: 'winback-group', id: `winback-${g.group}` },
      el('div', { class: 'list-head' },
        el('h3', {}, tr('winGroup', { g: g.group, title: tr(g.title) })),
        g.count > 0 && csvButton(`winback-${g.group}`, tr, ctx)),
      el('p', { class: 'muted' }, tr('winSummary', { cells: g.cells.join(', '), n: int(g.count, lang), money: money(g.annual_value, lang) })),
      g.clients.length ? pagedTable({
        id: `winback-${g.group}-list`, fetch: withRows(g.clients, lang), lang, tr, size: 10, wide: true,
        columns: [[tr('client')], [tr('dim.manager')], [tr('lastPurchase')], [tr('cols2.products')], [tr('cols2.annual'), true], [tr('channel')], [tr('cols2.cell')], [chance90Label(r, tr), true]],
        row: ([x, c]) => [el('td', { class: 'client' }, x.id), el('td', {}, c.manager ?? '—'), el('td', {}, date(c.last_purchase, lang)),
          el('td', { class: 'why' }, x.products.join(', ') || '—'), moneyCell(x.annual_value, lang),
          el('td', {}, c.channel ?? '—'), el('td', {}, x.cell), el('td', { class: 'num' }, chance90(c, lang))],
      }) : el('p', { class: 'muted' }, tr('nobody')))));
}

/** The win-back lists hold every gone client: how many left in the last twelve
 *  months and before them, as the lifecycle counts them. */
function gone(r, lang) {
  const n = (s) => int(r.lifecycle.statuses.find((x) => x.status === s)?.count ?? 0, lang);
  return { recent: n('gone_recent'), before: n('gone_before') };
}
