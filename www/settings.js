// Settings: their defaults, the URL hash that keeps them and the options the core
// takes. Pure functions (no DOM), so they are tested under Node too.
//
// Every limit, allowed value and default comes from ./settings-schema.js, which the
// core writes from its one table (crate/src/settings.rs; `clientscope schema
// --settings`): nothing here repeats a rule. A link `#xyz_frequency=80,30` and a
// config `{"xyz_frequency": [80, 30]}` say the same; a bad value is ignored and
// named, never sent.
import { SETTINGS, DEFAULTS } from './settings-schema.js';

/** The value at a dotted config key (`xyz_method.client`). */
const lookup = (o, key) => key.split('.').reduce((v, k) => (v == null ? undefined : v[k]), o);
const copy = (v) => (v == null ? v : JSON.parse(JSON.stringify(v)));

const BY_KEY = Object.fromEntries(SETTINGS.map((d) => [d.key, { ...d, def: lookup(DEFAULTS, d.key) }]));
const BY_HASH = Object.fromEntries(Object.values(BY_KEY).map((d) => [d.hash, d]));

export const ROLES = BY_KEY.columns.roles;
export const ENCODINGS = BY_KEY.encoding.offered;
export const DIMENSIONS = BY_KEY.abc_dimension.values;
export const MEASURES = BY_KEY.abc_measure.values;
export const LANG_VALUES = BY_KEY.lang.values;
/** ABC-XYZ cells, in the core's order. */
export const CELLS = BY_KEY.winback_groups.cells;
export const MAX_PRESET = BY_KEY['consultant.name'].max_chars;

/** Settings with a control of their own in the page's form (index.html): kept in
 *  the state under their link name (`s.abc`, `s.asof`...). The language is the
 *  page's own, the column roles are `s.cols`, everything else is in `s.seg` by key. */
const FORM = ['abc_thresholds', 'period', 'window', 'as_of', 'encoding', 'sheet', 'consultant.name', 'consultant.contact'];

/** The panel's settings (segmentation, dynamics, prediction): schema entry + `def`. */
export const SPEC = SETTINGS.map((d) => BY_KEY[d.key]).filter((d) => !FORM.includes(d.key) && !['lang', 'columns'].includes(d.key));
export const SPEC_BY_KEY = Object.fromEntries(SPEC.map((d) => [d.key, d]));
/** Every setting by config key, for the form's own controls and notices. */
export const SETTING = BY_KEY;

/** A single-line text setting as the core takes it: control characters become
 *  spaces (it is shown in the page and the report, always as text). */
export const presetText = (v) => oneLine(String(v), MAX_PRESET);
const oneLine = (value, max) => [...value.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim()].slice(0, max).join('');

/** Fresh settings at their defaults. */
export function defaults() {
  const form = Object.fromEntries(FORM.map((key) => [BY_KEY[key].hash, copy(BY_KEY[key].def) ?? '']));
  const seg = Object.fromEntries(SPEC.map((d) => [d.key, copy(d.def)]));
  return { ...form, cols: {}, seg };
}

const within = (x, lo, hi) => Number.isFinite(x) && (lo.inclusive ? x >= lo.value : x > lo.value) && (hi.inclusive ? x <= hi.value : x < hi.value);
const ordered = (v, order) => v.every((x, i) => i === 0 || {
  any: true, ascending: v[i - 1] < x, descending: v[i - 1] > x, non_decreasing: v[i - 1] <= x,
}[order]);
const chars = (text) => [...text].length;
const inclusive = (value) => ({ value, inclusive: true });

/** The core's rule (crate/src/settings.rs, Rule::allows) for a parsed value. */
export function allows(d, v) {
  if (v == null) return d.nullable;
  switch (d.kind) {
    case 'enum': return d.values.includes(v);
    case 'int': return Number.isInteger(v) && v >= d.min && v <= d.max;
    case 'num': return within(v, d.min, d.max);
    case 'nums': return v.length === d.n && v.every((x) => within(x, d.min, d.max)) && ordered(v, d.order);
    case 'ints': return v.length === d.n && v.every((x) => Number.isInteger(x) && within(x, inclusive(d.min), inclusive(d.max))) && ordered(v, d.order);
    case 'date': return isDate(v);
    case 'text': return chars(v) <= d.max_chars && !(d.single_line && /[\u0000-\u001f\u007f-\u009f]/.test(v));
    case 'encoding': return d.offered.includes(v);
    case 'groups': return v.length === d.groups && v.flat().length === d.cells.length && d.cells.every((c) => v.flat().includes(c));
    default: return false;
  }
}

/** A number as the link writes it: digits, at most six decimals, no exponent. */
const NUM = /^\d{1,10}(\.\d{1,6})?$/;

/** Parses one value as written in the hash (or typed in the page); `undefined` when
 *  it is not valid. `''` for a nullable setting means "not set" (quintiles, detect). */
export function parseValue(d, text) {
  const value = d.kind === 'text' ? String(text) : String(text).trim();
  if (d.kind !== 'text' && value.length > 60) return undefined;
  if (value === '' && d.nullable) return null;
  let v;
  switch (d.kind) {
    case 'enum': case 'date': case 'encoding': v = value; break;
    case 'text': v = d.single_line ? oneLine(value, d.max_chars) : value; break;
    case 'groups': v = value.split('/').map((g) => g.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean)); break;
    case 'int': case 'num': v = NUM.test(value) && (d.kind === 'num' || !value.includes('.')) ? Number(value) : undefined; break;
    case 'nums': case 'ints': {
      const parts = value.split(/\s*[,;]\s*|\s+/);
      v = parts.every((p) => NUM.test(p) && (d.kind === 'nums' || !p.includes('.'))) ? parts.map(Number) : undefined;
      break;
    }
    default: v = undefined;
  }
  // A single-line text longer than the limit is refused whole, never cut.
  if (d.kind === 'text' && chars(value) > d.max_chars) return undefined;
  return v !== undefined && allows(d, v) ? v : undefined;
}

/** The value as the hash writes it. */
export function formatValue(d, v) {
  if (Array.isArray(v) && Array.isArray(v[0])) return v.map((g) => g.join(',')).join('/');
  return Array.isArray(v) ? v.join(',') : v == null ? '' : String(v);
}

const same = (a, b) => formatValue(null, a) === formatValue(null, b);

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Reads a hash ("#a=1&b=2") against the schema: settings, language, and the names
 *  of the values it ignored. */
export function readHash(hash, langs = LANG_VALUES) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const s = defaults();
  const bad = [];
  let lang = null;
  for (const [key, value] of params) {
    const ok = (() => {
      if (key === 'lang') return langs.includes(value) && (lang = value);
      if (key.startsWith('col.')) {
        const d = BY_KEY.columns;
        const role = key.slice(4);
        if (!d.roles.includes(role) || chars(value) > d.max_chars) return false;
        s.cols[role] = value;
        return true;
      }
      const d = Object.hasOwn(BY_HASH, key) ? BY_HASH[key] : null;
      if (!d || d.key === 'columns') return false;
      const v = parseValue(d, value);
      if (v === undefined) return false;
      if (FORM.includes(d.key)) s[d.hash] = v ?? '';
      else s.seg[d.key] = v;
      return true;
    })();
    if (!ok) bad.push(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  }
  return { s, lang, bad };
}

/** The hash for these settings: the language, then only what differs from the defaults. */
export function writeHash(s, lang) {
  const p = new URLSearchParams();
  p.set('lang', lang);
  for (const key of FORM) {
    const d = BY_KEY[key];
    const v = s[d.hash];
    if (v !== '' && v != null && !same(v, d.def)) p.set(d.hash, formatValue(d, v));
  }
  for (const [role, header] of Object.entries(s.cols)) p.set(`col.${role}`, header);
  for (const d of SPEC) if (!same(s.seg[d.key], d.def)) p.set(d.hash, formatValue(d, s.seg[d.key]));
  // Commas and slashes are legal in a fragment; unescaped, `abc=50,80` reads as it is written.
  return `#${String(p).replace(/%2C/gi, ',').replace(/%2F/gi, '/')}`;
}

/** Sets a dotted key in an object, making the objects on the way. */
function put(o, key, v) {
  const parts = key.split('.');
  const last = parts.pop();
  let at = o;
  for (const k of parts) at = at[k] ??= {};
  at[last] = v;
}

/** The options object of the core (the same keys as a `--config` file). */
export function toOptions(s, lang) {
  const o = { lang, columns: s.cols };
  for (const key of FORM) put(o, key, s[BY_KEY[key].hash] === '' && BY_KEY[key].nullable ? null : s[BY_KEY[key].hash]);
  for (const d of SPEC) put(o, d.key, s.seg[d.key]);
  return o;
}

/** The rule of a setting in words, in the page's language: made from the schema's
 *  limits, so a notice never names a limit the core does not apply. `tr` is the
 *  page's translator (i18n.js `t` bound to a language). Lists read as a formula
 *  over their parts' names: `0 < Y < X ≤ 100`. */
export function ruleText(d, tr) {
  const lt = (b) => (b.inclusive ? '≤' : '<');
  const orderOf = (o) => (o === 'any' ? '' : tr(`rule.order_${o}`));
  const formula = (names) => {
    const parts = d.order === 'descending' ? [...names].reverse() : names;
    const rel = { any: ', ', ascending: ' < ', descending: ' < ', non_decreasing: ' ≤ ' }[d.order ?? 'any'];
    return `${d.min.value} ${lt(d.min)} ${parts.join(rel)} ${lt(d.max)} ${d.max.value}`;
  };
  switch (d.kind) {
    case 'enum': return tr('rule.enum', { values: d.values.join(', ') });
    case 'int': return tr('rule.int', { min: d.min, max: d.max });
    case 'num': return tr('rule.num', { formula: formula([tr('rule.x')]) });
    case 'nums': return tr('rule.num', { formula: formula(tr(`rule.parts.${d.key}`).split(/,\s*/)) });
    case 'ints': return tr('rule.ints', { n: d.n, min: d.min, max: d.max, order: orderOf(d.order), empty: d.nullable ? tr('rule.or_empty') : '' });
    case 'groups': return tr('rule.groups', { n: d.groups });
    case 'text': return tr('rule.text', { max: d.max_chars });
    default: return '';
  }
}
