// A list too long to show at once (lost clients, products...): a table that shows
// `size` rows a page with previous/next buttons.
import { int } from '../format.js';
import { el, head, labelCells } from './dom.js';

/** columns: [[label, numeric?]]; row(item) -> array of <td>. `wide`: a list with
 *  long texts. On a phone each row is a card of labelled values (class `cards`)
 *  and a page holds at most five (three of long rows), so a list never runs for screens. */
export function pagedTable({ id, columns, items, row, lang, tr, size = 20, wide = false }) {
  if (globalThis.matchMedia?.('(max-width: 640px)').matches) size = Math.min(size, wide ? 3 : 5);
  const body = el('tbody');
  const info = el('span', { class: 'muted' });
  const prev = el('button', { type: 'button', class: 'prev' }, tr('prev'));
  const next = el('button', { type: 'button', class: 'next' }, tr('next'));
  const pages = Math.max(1, Math.ceil(items.length / size));
  let page = 0;
  const draw = () => {
    const from = page * size;
    const shown = items.slice(from, from + size);
    body.replaceChildren(...shown.map((item) => el('tr', {}, row(item))));
    labelCells(body, columns.map(([l]) => l));
    info.textContent = tr('shown', { from: int(items.length ? from + 1 : 0, lang), to: int(from + shown.length, lang), n: int(items.length, lang) });
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
  };
  prev.addEventListener('click', () => { page -= 1; draw(); });
  next.addEventListener('click', () => { page += 1; draw(); });
  draw();
  return el('div', { class: 'paged', id },
    el('div', { class: 'scroll' }, el('table', { class: wide ? 'wide cards' : 'cards' }, head(columns.map(([l]) => l), (n) => columns[n][1]), body)),
    pages > 1 && el('div', { class: 'toolbar' }, info, prev, next));
}
