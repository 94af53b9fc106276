// The client lifecycle as the Report gives it: one line with the count of each
// status, and the one-line notes on figures that count another set of clients.
import { int, pct, date } from '../format.js';
import { el } from './dom.js';
import { showClients } from './clients.js';

/** "On 31.12.2025 each client has one status: new 133, ..."; a status lists its
 *  clients in the client table. */
export function lifecycleLine(r, lang, tr, id) {
  const shown = r.lifecycle.statuses.filter((s) => s.count > 0);
  const [before, after] = tr('lifecycleLine', { date: date(r.totals.as_of, lang), list: '\u0000' }).split('\u0000');
  const items = shown.flatMap((s, k) => [k ? ', ' : null,
    el('button', { type: 'button', class: 'link', 'data-status': s.status, onclick: () => showClients({ lifecycle: s.status }) },
      `${tr(`lifecycle.${s.status}`)} ${int(s.count, lang)}`)]);
  return el('p', { class: 'lifecycle', id }, before, items, after ?? '');
}

/** The note on `figure` (a code of lifecycle.notes), or null when it has no clients. */
export function lifecycleNote(r, figure, lang, tr, id) {
  const n = r.lifecycle.notes.find((x) => x.figure === figure);
  if (!n || !n.count) return null;
  const by = Object.entries(n.by_status).map(([s, k]) => `${tr(`lifecycle.${s}`)} ${int(k, lang)}`).join(', ');
  const levels = r.settings.overdue_levels ?? [];
  return el('p', { class: 'muted differs', id, 'data-figure': figure }, tr(`lifecycleNote.${figure}`, {
    n: int(n.count, lang), by, periods: int(r.pool.periods.length, lang), listed: int(n.by_status.leaving ?? 0, lang),
    ratio: levels.length ? new Intl.NumberFormat(lang).format(levels[levels.length - 1]) : '', p: pct(r.lifecycle.p_alive_lost, lang),
  }));
}
