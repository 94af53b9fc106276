// Settings: their defaults, the URL hash that keeps them and the options the core
// takes. Pure functions (no DOM), so they are tested under Node too.
//
// Segmentation settings keep the names of the core's options (`--config` keys), so a
// link `#xyz_frequency=80,30` and a config `{"xyz_frequency": [80, 30]}` say the same.
// Every value is checked against the same rules as the core's: a bad one is ignored
// and named, never sent.

export const ROLES = ['date', 'client', 'amount', 'quantity', 'price', 'order', 'product', 'category', 'manager', 'branch', 'cost', 'profit', 'cost_to_serve', 'potential', 'nps', 'reason', 'channel'];
export const ENCODINGS = ['UTF-8', 'windows-1251', 'KOI8-R', 'IBM866', 'UTF-16LE', 'UTF-16BE', 'windows-1252'];
export const DIMENSIONS = ['client', 'product', 'manager', 'branch'];
export const MEASURES = ['revenue', 'margin', 'quantity', 'purchases'];
const GENERAL = { abc: [80, 95], period: 'month', window: 12, asof: '', enc: '', sheet: '', by: '', contact: '' };

/** A consultant's name or contact line: plain text of at most 120 characters, no
 *  control characters (it is shown in the page and the report, always as text). */
export const MAX_PRESET = 120;
export const presetText = (v) => String(v).replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, MAX_PRESET);

const pct = (x) => x >= 0 && x <= 100;
/** ABC-XYZ cells, in the core's order (crate/src/dynamics/options.rs). */
export const CELLS = ['AX', 'AY', 'AZ', 'BX', 'BY', 'BZ', 'CX', 'CY', 'CZ'];
const ascending = (v) => v.every((x, i) => i === 0 || v[i - 1] < x);

/** The segmentation settings: hash key = option name; `kind` says how it is written:
 *  enum (one word), int, num, nums (n numbers, "75,25"), ints (n whole numbers, or
 *  absent for "quintiles"). `ok` is the core's rule (crate/src/segment/options.rs). */
export const SPEC = [
  { key: 'abc_dimension', kind: 'enum', values: DIMENSIONS, def: 'client' },
  { key: 'abc_measure', kind: 'enum', values: MEASURES, def: 'revenue' },
  { key: 'xyz_method.client', kind: 'enum', values: ['frequency', 'variation'], def: 'frequency' },
  { key: 'xyz_method.product', kind: 'enum', values: ['frequency', 'variation'], def: 'variation' },
  { key: 'xyz_method.manager', kind: 'enum', values: ['frequency', 'variation'], def: 'variation' },
  { key: 'xyz_method.branch', kind: 'enum', values: ['frequency', 'variation'], def: 'variation' },
  { key: 'xyz_frequency', kind: 'nums', n: 2, def: [75, 25], ok: ([x, y]) => pct(x) && 0 < y && y < x },
  { key: 'xyz_variation', kind: 'nums', n: 2, def: [10, 25], ok: ([x, y]) => x >= 0 && x < y && y <= 1000 },
  { key: 'xyz_min_periods', kind: 'int', def: 2, ok: (v) => v >= 1 && v <= 100 },
  { key: 'abcdx_measure', kind: 'enum', values: ['revenue', 'margin'], def: 'revenue' },
  { key: 'd_min_days', kind: 'int', def: 90, ok: (v) => v >= 1 && v <= 3650 },
  { key: 'd_interval_multiple', kind: 'num', def: 3, ok: (v) => v >= 0 && v <= 100 },
  { key: 'x_cost_ratio', kind: 'num', def: 1, ok: (v) => v > 0 && v <= 1000 },
  { key: 'x_margin_pct', kind: 'num', def: 5, ok: pct },
  { key: 'quadrant_percentiles', kind: 'nums', n: 2, def: [50, 50], ok: (v) => v.every(pct) },
  { key: 'rfm_recency_days', kind: 'ints', n: 4, def: null, ok: ascending },
  { key: 'rfm_frequency', kind: 'ints', n: 4, def: null, ok: (v) => ascending(v) && v[0] >= 1 },
  { key: 'risk_largest_pct', kind: 'nums', n: 2, def: [10, 25], ok: ([a, b]) => 0 < a && a < b && b <= 100 },
  { key: 'risk_top5_pct', kind: 'nums', n: 2, def: [50, 75], ok: ([a, b]) => 0 < a && a < b && b <= 100 },
  // Four lists of cells, written "AX,AY,BX/AZ,BY,CX/BZ,CY/CZ"; every cell in one.
  { key: 'winback_groups', kind: 'groups', def: [['AX', 'AY', 'BX'], ['AZ', 'BY', 'CX'], ['BZ', 'CY'], ['CZ']],
    ok: (v) => v.flat().length === CELLS.length && CELLS.every((c) => v.flat().includes(c)) },
];
export const SPEC_BY_KEY = Object.fromEntries(SPEC.map((d) => [d.key, d]));

/** Fresh settings at their defaults. */
export function defaults() {
  const seg = Object.fromEntries(SPEC.map((d) => [d.key, Array.isArray(d.def) ? [...d.def] : d.def]));
  return { ...GENERAL, abc: [...GENERAL.abc], cols: {}, seg };
}

const NUM = /^\d{1,4}(\.\d{1,6})?$/;

/** Parses one segmentation value as written in the hash (or typed in the page);
 *  `undefined` when it is not valid. `''` for an `ints` setting means "quintiles". */
export function parseValue(d, text) {
  const value = String(text).trim();
  if (d.kind === 'enum') return d.values.includes(value) ? value : undefined;
  if (d.kind === 'ints' && value === '') return null;
  if (d.kind === 'groups') {
    const v = value.split('/').map((g) => g.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean));
    return v.length === 4 && v.flat().every((c) => CELLS.includes(c)) && d.ok(v) ? v : undefined;
  }
  if (d.kind === 'int' || d.kind === 'num') {
    if (!NUM.test(value) || (d.kind === 'int' && value.includes('.'))) return undefined;
    const v = Number(value);
    return d.ok(v) ? v : undefined;
  }
  const parts = value.split(/\s*[,;]\s*|\s+/);
  if (parts.length !== d.n || !parts.every((p) => NUM.test(p) && (d.kind !== 'ints' || !p.includes('.')))) return undefined;
  const v = parts.map(Number);
  return d.ok(v) ? v : undefined;
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

/** Reads a hash ("#a=1&b=2") against the allowlist: settings, language, and the
 *  names of the values it ignored. */
export function readHash(hash, langs) {
  const params = new URLSearchParams(String(hash).replace(/^#/, ''));
  const s = defaults();
  const bad = [];
  let lang = null;
  for (const [key, value] of params) {
    const ok = (() => {
      switch (key) {
        case 'lang': return langs.includes(value) && (lang = value);
        case 'abc': {
          // Two percents such as `50,80` or `72.5,90`, 0 < A < B < 100.
          if (!/^\d{1,2}(\.\d{1,6})?,\d{1,2}(\.\d{1,6})?$/.test(value)) return false;
          const [a, b] = value.split(',').map(Number);
          return a > 0 && a < b && b < 100 && (s.abc = [a, b]);
        }
        case 'period': return ['week', 'month', 'quarter'].includes(value) && (s.period = value);
        case 'window': return /^\d{1,3}$/.test(value) && Number(value) <= 520 && ((s.window = Number(value)), true);
        case 'asof': return isDate(value) && (s.asof = value);
        case 'enc': return ENCODINGS.includes(value) && (s.enc = value);
        case 'sheet': return value.length <= 100 && ((s.sheet = value), true);
        // A consultant's preset: who prepared the link, and how to reach them.
        case 'by': case 'contact': return value.length <= MAX_PRESET && ((s[key] = presetText(value)), true);
        default: {
          if (key.startsWith('col.') && ROLES.includes(key.slice(4)) && value.length <= 200) {
            s.cols[key.slice(4)] = value;
            return true;
          }
          const d = Object.hasOwn(SPEC_BY_KEY, key) ? SPEC_BY_KEY[key] : null;
          const v = d && value.length <= 60 ? parseValue(d, value) : undefined;
          if (v === undefined) return false;
          s.seg[key] = v;
          return true;
        }
      }
    })();
    if (!ok) bad.push(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  }
  return { s, lang, bad };
}

/** The hash for these settings: the language, then only what differs from the defaults. */
export function writeHash(s, lang) {
  const p = new URLSearchParams();
  p.set('lang', lang);
  if (String(s.abc) !== String(GENERAL.abc)) p.set('abc', s.abc.join(','));
  if (s.period !== GENERAL.period) p.set('period', s.period);
  if (s.window !== GENERAL.window) p.set('window', String(s.window));
  if (s.asof) p.set('asof', s.asof);
  if (s.enc) p.set('enc', s.enc);
  if (s.sheet) p.set('sheet', s.sheet);
  if (s.by) p.set('by', s.by);
  if (s.contact) p.set('contact', s.contact);
  for (const [role, header] of Object.entries(s.cols)) p.set(`col.${role}`, header);
  for (const d of SPEC) if (!same(s.seg[d.key], d.def)) p.set(d.key, formatValue(d, s.seg[d.key]));
  // Commas and slashes are legal in a fragment; unescaped, `abc=50,80` reads as it is written.
  return `#${String(p).replace(/%2C/gi, ',').replace(/%2F/gi, '/')}`;
}

/** The options object of the core (the same keys as a `--config` file). */
export function toOptions(s, lang) {
  const seg = {};
  const xyzMethod = {};
  for (const d of SPEC) {
    const v = s.seg[d.key];
    if (d.key.startsWith('xyz_method.')) xyzMethod[d.key.slice(11)] = v;
    else seg[d.key] = v;
  }
  return {
    lang,
    abc_thresholds: s.abc,
    period: s.period,
    window: s.window,
    as_of: s.asof || null,
    encoding: s.enc || null,
    sheet: s.sheet || null,
    columns: s.cols,
    consultant: { name: s.by, contact: s.contact },
    ...seg,
    xyz_method: xyzMethod,
  };
}
