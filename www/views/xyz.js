// XYZ of clients: how regularly they buy, with the clients whose class is not a
// measurement ("new", "too little history") counted apart.
import { int, pct } from '../format.js';
import { el, head, badge, howFold } from './dom.js';
import { showClients } from './clients.js';
import { measured } from './abc.js';

const STATUSES = ['new', 'short_history', 'no_purchases', 'no_sales'];

export function xyzSection(r, lang, tr) {
  const x = r.xyz;
  const [tx, ty] = x.thresholds;
  const statuses = STATUSES.filter((s) => (x.statuses?.[s] ?? 0) > 0 || s === 'new' || s === 'short_history');
  return el('section', { class: 'card', id: 'xyz', 'data-method': x.method },
    el('h2', {}, tr('xyzTitle')),
    el('p', { class: 'muted', id: 'xyz-explain' },
      tr(`xyzExplain.${x.method}`, { x: tx, y: ty, periods: int(x.periods, lang), period: tr(`periodMany.${r.settings.period}`), min: x.min_periods, measure: tr(`measureOf.${x.measure}`) })),
    el('div', { class: 'scroll' }, el('table', { class: 'summary' },
      head([tr('group'), tr('clients'), tr('countShare'), tr(`measure.${r.abc_by?.client?.measure ?? r.abc.measure}`), tr('valueShare')], (n) => n > 0),
      el('tbody', {}, x.groups.map((g) => el('tr', { 'data-group': g.group },
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'link', onclick: () => showClients({ xyz: g.group }) }, badge(g.group)),
          ' ', el('span', { class: 'status' }, tr(`xyzName.${g.group}`))),
        el('td', { class: 'num count' }, int(g.count, lang)),
        el('td', { class: 'num' }, pct(g.count_share, lang)),
        el('td', { class: 'num value' }, measured(g.value, r.abc_by?.client?.measure ?? r.abc.measure, lang)),
        el('td', { class: 'num' }, pct(g.value_share, lang))))))),
    el('ul', { class: 'statuses', id: 'xyz-statuses' }, statuses.map((s) => el('li', { 'data-status': s },
      el('button', { type: 'button', class: 'link', onclick: () => showClients({ xyz: s }), disabled: !(x.statuses?.[s] > 0) },
        el('strong', {}, `${tr(`status.${s}`)}: `), el('span', { class: 'count' }, int(x.statuses?.[s] ?? 0, lang))),
      ` — ${tr(`statusWhy.${s}`, { min: x.min_periods })}`))),
    howFold('xyz-how', tr, el('p', {}, tr('how.xyz'))));
}
