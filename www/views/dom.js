// Building blocks of every view: elements made with DOM APIs only. Text goes
// in as text nodes, never as markup, so a client called "<img onerror=...>" is a name.
import { money, moneyTitle } from '../format.js';

/** el('td', {class: 'num'}, 'text', child...) */
export function el(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.setAttribute('class', v);
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c == null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** A money cell: the figure by the page's one rounding rule, the exact one as its
 *  title where they differ (format.js `money`, `moneyTitle`). */
export function moneyCell(value, lang, cls = 'num') {
  return el('td', { class: cls, title: moneyTitle(value, lang) }, money(value, lang));
}

/** Gives the thread back until the next frame is drawn (its layout is then that
 *  of the views added since the last one). A hidden page draws no frames and its
 *  timers are slowed to one a second: it renders straight on, nobody is waiting. */
export const nextFrame = () => new Promise((ok) => {
  if (document.hidden) return ok();
  const late = setTimeout(ok, 100);
  requestAnimationFrame(() => {
    clearTimeout(late);
    setTimeout(ok, 0);
  });
});

/** Rows the views asked the worker for (the page holds no list of every client:
 *  crate/src/client_list.rs) and have not drawn yet. `body[data-rows]` says
 *  "loading" or "ready" (the tests wait for it after a click). */
const loading = new Set();
export function track(promise) {
  loading.add(promise);
  document.body.dataset.rows = 'loading';
  const done = () => {
    loading.delete(promise);
    if (!loading.size) document.body.dataset.rows = 'ready';
  };
  promise.then(done, done);
  return promise;
}

/** Resolves once every row asked for so far is drawn (the results are done then). */
export async function rowsDrawn() {
  while (loading.size) await Promise.allSettled([...loading]);
}

/** A term and its value for a <dl class="facts">. */
export function fact(term, value) {
  return [el('dt', {}, term), el('dd', {}, value)];
}

/** A header row: labels; the ones listed in `numeric` (indexes) are right-aligned. */
export function head(labels, numeric = () => false) {
  return el('thead', {}, el('tr', {}, labels.map((h, n) => el('th', { scope: 'col', class: numeric(n) ? 'num' : null }, h))));
}

/** A playbook from the Report ({title, goal, actions} with ru/uk/en texts). */
export function playbook(p, lang, tr, attrs = {}) {
  return el('div', { class: 'playbook', ...attrs },
    el('p', { class: 'goal' }, el('strong', {}, `${tr('goal')}: `), tr(p.goal)),
    el('ol', { class: 'actions' }, p.actions.map((a) => el('li', {}, tr(a)))));
}

/** A badge for a class or group letter (A, B, C, X, Y, Z, AD, ...). */
export function badge(text, kind = text) {
  return text ? el('span', { class: `badge g${kind}` }, text) : '—';
}

/** Scrolls to a section (links with #id would change the hash, which holds settings). */
export function jump(id) {
  document.getElementById(id)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}

/** Each cell of `tbody` carries its column's label: on a phone a table of class
 *  `cards` shows a row as a card of labelled values (style.css). */
export function labelCells(tbody, labels) {
  for (const row of tbody.rows) [...row.cells].forEach((td, i) => { if (labels[i]) td.dataset.label = labels[i]; });
}

/** A list of `count` rows that a phone folds to its first few (style.css hides the
 *  rest of a `.fold` table there); the button unfolds it. Wider screens show all. */
export function foldButton(table, count, lang, tr) {
  if (count <= FOLDED) return null;
  table.classList.add('fold');
  const b = el('button', { type: 'button', class: 'toggle phone-only', 'aria-expanded': 'false' }, tr('showAll', { n: count, count }));
  b.addEventListener('click', () => {
    const open = table.classList.toggle('fold');
    b.setAttribute('aria-expanded', String(!open));
    b.textContent = open ? tr('showAll', { n: count, count }) : tr('showFewer');
  });
  return b;
}
/** Rows a folded list shows on a phone (style.css: tr:nth-child(n+6)). */
const FOLDED = 5;

/** "How this is computed": a view's model parameters and terms, folded. */
export function howFold(id, tr, ...children) {
  return el('details', { class: 'how', id }, el('summary', {}, tr('howTitle')), children);
}

/** A box that scrolls sideways (a wide table on a narrow screen) is reachable by
 *  keyboard: focusable, a region named by its section's heading. Checked again
 *  whenever the layout may have changed (a resize, a fold opened). */
export function markScrollable(root) {
  for (const box of root.querySelectorAll('.scroll')) {
    const wide = box.scrollWidth > box.clientWidth + 1;
    if (wide && !box.hasAttribute('tabindex')) {
      const heading = box.closest('section, details')?.querySelector('h2, h3, summary');
      Object.entries({ tabindex: '0', role: 'region', 'aria-label': heading?.textContent ?? '' }).forEach(([k, v]) => box.setAttribute(k, v));
    } else if (!wide && box.getAttribute('role') === 'region') {
      for (const k of ['tabindex', 'role', 'aria-label']) box.removeAttribute(k);
    }
  }
}

/** The summary tables of the views (groups, segments) become cards on a phone as
 *  the lists do: their cells take the labels of their column headers. */
export function cardSummaries(root) {
  for (const table of root.querySelectorAll('table.summary')) {
    if (!table.tHead || !table.tBodies[0]) continue;
    table.classList.add('cards');
    labelCells(table.tBodies[0], [...table.tHead.rows[0].cells].map((c) => c.textContent));
  }
}

/** A tile whose figure does not fit its column takes two (`wide`): the figure is
 *  never cut or broken (style.css). Measured, since the width of a sum is known
 *  only once it is drawn; checked again with the layout. */
export function fitTiles(root) {
  const tiles = [...root.querySelectorAll('.stat')];
  for (const tile of tiles) tile.classList.remove('wide');
  // All measured first, then marked: one layout instead of one per tile (a tile's
  // span leaves the grid's column width as it is).
  const wide = tiles.filter((tile) => {
    const value = tile.querySelector('.value');
    if (!value) return false;
    const pad = getComputedStyle(tile);
    const room = tile.clientWidth - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight);
    return value.scrollWidth > room + 1;
  });
  for (const tile of wide) tile.classList.add('wide');
}
