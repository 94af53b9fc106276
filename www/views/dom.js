// Building blocks of every view: elements made with DOM APIs only. Text goes
// in as text nodes, never as markup, so a client called "<img onerror=...>" is a name.

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
