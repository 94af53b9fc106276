// Every text of the page comes from the one catalogue of the product
// (crate/texts.json, copied to www/pkg/texts.js by `make build`): the core's
// exports, charts and errors read the same file. Keys are flat and dotted
// (`skip.bad_date`); a text that depends on a count holds CLDR plural forms.

import { CATALOGUE } from './pkg/texts.js';

export { CATALOGUE };
export const LANGS = ['ru', 'uk', 'en'];

/** The language to start with: the URL's, else the browser's, else English. */
export function pickLang(preferred = navigator.languages ?? [navigator.language]) {
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (base === 'ru') return 'ru';
    if (base === 'uk' || base === 'ua') return 'uk';
    if (base === 'en') return 'en';
  }
  return 'en';
}

const RULES = new Map();
/** CLDR plural category of `n` in `lang` (the core's `texts::plural_form`). */
export function pluralForm(lang, n) {
  if (!RULES.has(lang)) RULES.set(lang, new Intl.PluralRules(lang));
  return RULES.get(lang).select(Number(n));
}

/** The count a plural text agrees with: `count` as a number, else `n` as the page
 *  wrote it (`1 234`, `1,234`: its digits). */
function countOf(params) {
  if (typeof params.count === 'number') return params.count;
  return Number(String(params.n ?? 0).replace(/[^\d]/g, '')) || 0;
}

/** Whether the catalogue has `key`. */
export const has = (key) => Object.hasOwn(CATALOGUE, key);

/**
 * Text for `key` with `{name}` filled in; a plural text takes its form from
 * `params.n` (or `params.count`). A missing key shows itself, and the page's
 * no-code test fails on it.
 */
export function t(lang, key, params = {}) {
  const entry = has(key) ? CATALOGUE[key] : undefined;
  let v = entry?.[lang] ?? entry?.en;
  if (v == null) return key;
  if (typeof v === 'object') v = v[pluralForm(lang, countOf(params))] ?? v.other;
  return String(v).replace(/\{(\w+)\}/g, (_, name) => (params[name] ?? `{${name}}`));
}
