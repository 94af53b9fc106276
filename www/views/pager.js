// A list too long to show at once (lost clients, products...): a table that shows
// `size` rows a page with previous/next buttons.
import { int } from '../format.js';
import { el, head, labelCells, track } from './dom.js';

/** columns: [[label, numeric?]]; row(item) -> array of <td>. `wide`: a list with
 *  long texts. On a phone each row is a card of labelled values (class `cards`)
 *  and a page holds at most five (three of long rows), so a list never runs for screens.
 *  The rows come from `items`, or a page at a time from `fetch(from, size)` ->
 *  Promise<{total, items}> (clients the worker keeps: crate/src/client_list.rs);
 *  `onTotal(total)` hears the count of the first page fetched. */
export function pagedTable({ id, columns, items, fetch, onTotal, row, lang, tr, size = 20, wide = false }) {
  if (globalThis.matchMedia?.('(max-width: 640px)').matches) size = Math.min(size, wide ? 3 : 5);
  const get = fetch ?? ((from, n) => ({ total: items.length, items: items.slice(from, from + n) }));
  const body = el('tbody');
  const info = el('span', { class: 'muted' });
  const prev = el('button', { type: 'button', class: 'prev' }, tr('prev'));
  const next = el('button', { type: 'button', class: 'next' }, tr('next'));
  const bar = el('div', { class: 'toolbar' }, info, prev, next);
  const box = el('div', { class: 'paged', id },
    el('div', { class: 'scroll' }, el('table', { class: wide ? 'wide cards' : 'cards' }, head(columns.map(([l]) => l), (n) => columns[n][1]), body)),
    bar);
  let page = 0;
  let asked = 0;
  const show = ({ total, items: shown }) => {
    const from = page * size;
    const pages = Math.max(1, Math.ceil(total / size));
    body.replaceChildren(...shown.map((item) => el('tr', {}, row(item))));
    labelCells(body, columns.map(([l]) => l));
    info.textContent = tr('shown', { from: int(total ? from + 1 : 0, lang), to: int(from + shown.length, lang), n: int(total, lang) });
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    bar.hidden = pages <= 1;
  };
  const draw = () => {
    const got = get(page * size, size);
    if (!(got instanceof Promise)) return show(got);
    const mine = ++asked;
    box.setAttribute('aria-busy', 'true');
    track(got.then((answer) => {
      if (mine !== asked) return;
      box.removeAttribute('aria-busy');
      if (mine === 1) onTotal?.(answer.total);
      show(answer);
    }, () => box.removeAttribute('aria-busy')));
  };
  prev.addEventListener('click', () => { page -= 1; draw(); });
  next.addEventListener('click', () => { page += 1; draw(); });
  draw();
  // A list of one page has no page buttons.
  if (!fetch && bar.hidden) bar.remove();
  return box;
}
