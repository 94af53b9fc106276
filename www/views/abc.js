// ABC: what the window's money (or margin, units, purchases) rests on, by client,
// product, manager or branch. The dimension and measure are chosen here; the
// bounds in the settings panel.
import { money, decimal, int, pct } from '../format.js';
import { el, head, badge } from './dom.js';
import { pagedTable } from './pager.js';
import { showClients } from './clients.js';
import { DIMENSIONS, MEASURES } from '../settings.js';

/** A value of `measure` (a decimal string): money, or units and purchases as
 *  plain numbers (no currency, no ".00"). */
export function measured(value, measure, lang) {
  return measure === 'purchases' || measure === 'quantity' ? decimal(value, lang) : money(value, lang);
}

export function abcSection(r, lang, tr, ctx) {
  const a = r.abc;
  const [ta, tb] = a.thresholds;
  const dim = a.dimension;
  // The dimensions this file has: clients always, and every one the core ranked.
  const have = DIMENSIONS.filter((d) => d === 'client' || d === dim || Object.hasOwn(r.abc_by ?? {}, d));
  const asked = ctx.settings?.seg?.abc_dimension ?? dim;
  const dimension = el('select', { id: 'abc-dimension', onchange: (e) => ctx.onSetting('abc_dimension', e.target.value) },
    have.map((d) => el('option', { value: d }, tr(`dim.${d}`))));
  dimension.value = dim;
  const measure = el('select', { id: 'abc-measure', onchange: (e) => ctx.onSetting('abc_measure', e.target.value) },
    MEASURES.map((m) => el('option', { value: m }, tr(`measure.${m}`))));
  measure.value = a.requested_measure;
  const notes = [
    asked !== dim && el('p', { class: 'note', id: 'abc-dimension-note' }, tr('dimensionMissing', { dim: tr(`role.${asked}`) })),
    a.measure !== a.requested_measure && el('p', { class: 'note', id: 'abc-measure-note' },
      tr('measureFallback', { asked: tr(`measureOf.${a.requested_measure}`), used: tr(`measureOf.${a.measure}`) })),
  ];
  const groupRow = (g) => el('tr', { 'data-group': g.group },
    el('th', { scope: 'row' }, dim === 'client'
      ? el('button', { type: 'button', class: 'link', onclick: () => showClients({ abc: g.group }) }, badge(g.group))
      : badge(g.group)),
    el('td', { class: 'num count' }, int(g.count, lang)),
    el('td', { class: 'num' }, pct(g.count_share, lang)),
    el('td', { class: 'num value' }, measured(g.value, a.measure, lang)),
    el('td', { class: 'num' }, pct(g.value_share, lang)));
  return el('section', { class: 'card', id: 'abc', 'data-dimension': dim, 'data-measure': a.measure },
    el('h2', {}, tr('abcTitle')),
    el('div', { class: 'toolbar' },
      el('label', {}, el('span', {}, tr('dimensionLabel')), dimension),
      el('label', {}, el('span', {}, tr('measureLabel')), measure)),
    notes,
    el('p', { class: 'muted', id: 'abc-explain' }, tr('abcExplain', { a: ta, b: tb, what: tr(`dimMany.${dim}`), measure: tr(`measureOf.${a.measure}`) })),
    el('div', { class: 'scroll' }, el('table', { class: 'summary' },
      head([tr('group'), tr(`dimMany.${dim}`), tr(`shareOf.${dim}`), tr(`measure.${a.measure}`), tr('valueShareOf', { measure: tr(`measureOf.${a.measure}`) })], (n) => n > 0),
      el('tbody', {},
        a.groups.map(groupRow),
        el('tr', { class: 'inactive', 'data-group': 'inactive' },
          el('th', {}, tr('inactive')), el('td', { class: 'num count' }, int(a.inactive, lang)), el('td'), el('td'), el('td'))))),
    a.items.length > 0 && el('h3', {}, tr('itemsTitle', { what: tr(`dimMany.${dim}`) })),
    a.items.length > 0 && pagedTable({
      id: 'abc-items', lang, tr, size: 25, items: a.items,
      columns: [[tr(`dim.${dim}`)], ['ABC'], ['XYZ'], [tr(`measure.${a.measure}`), true], [tr('share'), true], [tr('cumulative'), true]],
      row: (it) => [
        el('td', { class: 'client' }, it.id),
        el('td', {}, badge(it.abc)),
        el('td', {}, badge(it.xyz), it.xyz_status !== 'ok' ? el('span', { class: 'status' }, ` ${tr(`status.${it.xyz_status}`)}`) : null),
        el('td', { class: 'num' }, measured(it.value, a.measure, lang)),
        el('td', { class: 'num' }, pct(it.share, lang)),
        el('td', { class: 'num' }, pct(it.cumulative_share, lang)),
      ],
    }),
    a.items.length > 0 && xyzLine(a.xyz, lang, tr));
}

/** XYZ of a non-client dimension, in one line under its items. */
function xyzLine(x, lang, tr) {
  return el('p', { class: 'muted', id: 'abc-xyz' }, x.groups.map((g, n) => [n ? ' · ' : '', `${g.group}: ${int(g.count, lang)} (${pct(g.count_share, lang)})`]),
    ` — ${tr(`xyzMethod.${x.method}`, { x: x.thresholds[0], y: x.thresholds[1] })}`);
}
