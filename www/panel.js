// The analysis part of the settings panel, built once from the settings schema
// (www/settings.js, from the core's table): one control per setting, or one per
// number of a list, with the schema's limits and values. Labels carry data-t, so a
// language switch relabels them with the rest of the page.
import { el } from './views/dom.js';
import { SPEC, SPEC_BY_KEY, parseValue, formatValue } from './settings.js';

const GROUPS = [
  ['xyz', ['xyz_method.client', 'xyz_method.product', 'xyz_method.manager', 'xyz_method.branch', 'xyz_frequency', 'xyz_variation', 'xyz_min_periods']],
  ['abcdx', ['abcdx_measure', 'd_min_days', 'd_interval_multiple', 'x_cost_ratio', 'x_margin_pct']],
  ['more', ['currency', 'quadrant_percentiles', 'rfm_recency_days', 'rfm_frequency', 'risk_largest_pct', 'risk_top5_pct']],
  ['dynamics', ['compare', 'compare_periods', 'buys_less_pct', 'buys_cheaper_pct', 'leaving_drop_pct', 'overdue_levels', 'overdue_min_purchases']],
  ['predict', ['btyd_periods', 'clv_months', 'clv_discount_pct', 'holdout_weeks']],
  ['winback', ['winback_groups']],
];
/** Every panel setting has a place (a test checks it against the schema). */
export const PANEL_KEYS = GROUPS.flatMap(([, keys]) => keys);
/** The ABC dimension and measure are chosen in the ABC card (views/abc.js); the
 *  manager filter in the team card, which lists the file's managers (views/team.js). */
const ELSEWHERE = ['abc_dimension', 'abc_measure', 'manager'];
export const UNPLACED = SPEC.map((d) => d.key).filter((k) => !PANEL_KEYS.includes(k) && !ELSEWHERE.includes(k));

/** `xyz_method.client` -> `xyz_method_client`: the i18n key (dots nest there). */
export const tkey = (key) => key.replace('.', '_');
const id = (key, i) => `set-${key.replace('.', '-')}${i == null ? '' : `-${i}`}`;

/** A setting's label; its line of help (the catalogue's `help.<key>`, the CLI's too) is the title. */
const label = (t, control, key) => el('label', { 'data-t-title': key && `help.${key}` }, el('span', { 'data-t': `set.${t}` }), control);

function controls(d) {
  if (d.kind === 'groups') {
    // One picker a cell: the cell's code is the label in every language.
    const groups = Array.from({ length: d.groups }, (_, i) => String(i + 1));
    return d.cells.map((cell) => el('label', {}, el('span', {}, cell),
      el('select', { id: id(d.key, cell), 'data-setting': d.key, 'data-cell': cell }, groups.map((g) => el('option', { value: g }, g)))));
  }
  if (d.kind === 'enum') {
    // A nullable choice (the currency) starts with "as the file says".
    return [label(tkey(d.key), el('select', { id: id(d.key), 'data-setting': d.key },
      d.nullable ? el('option', { value: '', 'data-t': `opt.${tkey(d.key)}_null` }) : null,
      d.values.map((v) => el('option', { value: v, 'data-t': `opt.${v}` }))), d.key)];
  }
  if (d.kind === 'nums') {
    return Array.from({ length: d.n }, (_, i) => label(`${tkey(d.key)}_${i}`,
      el('input', { id: id(d.key, i), type: 'number', min: d.min.value, max: d.max.value, step: 'any', 'data-setting': d.key, 'data-i': i }), d.key));
  }
  if (d.kind === 'ints') {
    return [label(tkey(d.key), el('input', { id: id(d.key), type: 'text', inputmode: 'numeric', 'data-setting': d.key, 'data-t-placeholder': 'quintiles' }), d.key)];
  }
  const [min, max] = d.kind === 'int' ? [d.min, d.max] : [d.min.value, d.max.value];
  return [label(tkey(d.key), el('input', { id: id(d.key), type: 'number', min, max, step: d.kind === 'int' ? 1 : 'any', 'data-setting': d.key }), d.key)];
}

export function buildPanel(root) {
  root.replaceChildren(el('details', { id: 'seg-details' }, el('summary', { 'data-t': 'set.more' }), ...GROUPS.map(([group, keys]) => el('fieldset', { class: 'grid', id: `set-${group}` },
    el('legend', { 'data-t': `set.group_${group}` }),
    keys.flatMap((key) => controls(SPEC_BY_KEY[key]))))));
}

/** Puts the settings' values into the controls. */
export function showPanel(root, seg) {
  for (const node of root.querySelectorAll('[data-setting]')) {
    const d = SPEC_BY_KEY[node.dataset.setting];
    const v = seg[d.key];
    node.value = d.kind === 'groups' ? String(v.findIndex((g) => g.includes(node.dataset.cell)) + 1)
      : d.kind === 'nums' ? String(v[Number(node.dataset.i)]) : d.kind === 'ints' ? formatValue(d, v).replace(/,/g, ', ') : String(v ?? '');
    node.removeAttribute('aria-invalid');
  }
}

/** The value the controls of `key` now hold, or `undefined` when it breaks the rule. */
export function readPanel(root, key) {
  const d = SPEC_BY_KEY[key];
  const nodes = [...root.querySelectorAll(`[data-setting="${key}"]`)];
  const text = d.kind === 'groups'
    ? Array.from({ length: d.groups }, (_, i) => i + 1).map((g) => nodes.filter((n) => n.value === String(g)).map((n) => n.dataset.cell).join(',')).join('/')
    : nodes.map((n) => n.value.trim()).join(',');
  // Typed numbers are kept as the hash keeps them: at most 6 decimals.
  const rounded = d.kind === 'enum' || d.kind === 'ints' || d.kind === 'groups' ? text
    : text.split(',').map((x) => (x === '' || Number.isNaN(Number(x)) ? x : String(Math.round(Number(x) * 1e6) / 1e6))).join(',');
  const v = parseValue(d, rounded);
  for (const n of nodes) n.setAttribute('aria-invalid', String(v === undefined));
  return v;
}
