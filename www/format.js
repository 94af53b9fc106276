// Number, money and date formatting in the page's language, all through Intl
// (NumberFormat, DateTimeFormat; plural forms are Intl.PluralRules in i18n.js).
// Money arrives as an exact decimal string and is formatted from that string:
// Intl.NumberFormat reads a string as an exact decimal, never through a float.
// Separators are the language's own (no-break spaces in ru and uk), and the page
// sets `white-space: nowrap` on number elements, so no figure breaks across lines.

import { MONEY_WHOLE_FROM, SHARE_WHOLE } from './settings-schema.js';

const formats = new Map();
/** One cached Intl.NumberFormat per language and options. */
function numberFormat(lang, opts) {
  const key = `${lang} ${JSON.stringify(opts)}`;
  if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(lang, opts));
  return formats.get(key);
}

/** The currency of the analysed file (an ISO 4217 code such as "RUB"), when the
 *  Report names one; money is written without a symbol otherwise. */
let currency = null;
export function setCurrency(code) {
  currency = typeof code === 'string' && /^[A-Z]{3}$/.test(code) ? code : null;
}

// A minus sign, not a hyphen: it reads as one and never ends a line.
const minus = (text) => text.replace(/-/g, '\u2212');

/** "-1234.5678" -> {units: 12345678n (ten-thousandths, unsigned), frac: "5678"}, or
 *  null: `moneyUnits` reads the digits, the decimals say whether cents are shown. */
function parse(text) {
  const u = text == null ? null : moneyUnits(text);
  return u && { units: BigInt(u[1]), frac: /\.(\d+)$/.exec(String(text))?.[1] ?? '' };
}

function formatted(text, lang, code, digits) {
  const opts = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (code) Object.assign(opts, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
  return minus(numberFormat(lang, opts).format(String(text)));
}

/**
 * Money for reading, by the core's one rule (format.rs `money`, its WHOLE_FROM
 * generated into settings-schema.js): whole units from 10 000 on, rounded half away
 * from zero ("4436808181.15" -> "4 436 808 181 ₽"), cents below ("1234.5" ->
 * "1 234,50"); a whole number stays whole. With the file's currency when it has one.
 * The exact figure is `moneyExact` (the title of a rounded cell) and the downloads.
 */
export function money(text, lang, code = currency) {
  const p = parse(text);
  if (!p) return String(text ?? '');
  // Rounded to cents first, as the core does: 9 999,995 is 10 000,00 and reads whole.
  const whole = (p.units + 50n) / 100n >= BigInt(MONEY_WHOLE_FROM) * 100n;
  return formatted(text, lang, code, whole || !p.frac ? 0 : 2);
}

/** A model's estimate of money (a number, not a sum of the file's): read to the
 *  unit, since the cents of an expectation say nothing. */
export function moneyWhole(x, lang, code = currency) {
  return money(String(Math.round(Number(x))), lang, code);
}

/** Money to the last digit the file gave (two to four decimals), for a title or a
 *  figure a reader checks against their books (format.rs `money_exact`). */
export function moneyExact(text, lang, code = currency) {
  const p = parse(text);
  if (!p) return String(text ?? '');
  const digits = p.frac ? Math.min(4, Math.max(2, p.frac.replace(/0+$/, '').length)) : 0;
  return formatted(text, lang, code, digits);
}

/** The exact figure where `money` rounded it, else null: a cell's title. */
export function moneyTitle(text, lang, code = currency) {
  const exact = moneyExact(text, lang, code);
  return exact === money(text, lang, code) ? null : exact;
}

/** How many times a ratio is, as format.rs `times` writes it: one decimal below 3,
 *  whole from 3 on; `count` (a number) picks the plural form. */
export function times(ratio, lang) {
  const r = Number.isFinite(ratio) ? Math.max(0, ratio) : 0;
  const tenths = Math.round(r * 10);
  const whole = r >= 3 || tenths % 10 === 0;
  const count = whole ? Math.round(r) : tenths / 10;
  return { n: numberFormat(lang, { minimumFractionDigits: whole ? 0 : 1, maximumFractionDigits: whole ? 0 : 1 }).format(count), count };
}

/** A decimal string that is not money (units, purchases): exact, no symbol. */
export function decimal(text, lang) {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(String(text ?? ''));
  if (!m) return String(text ?? '');
  const digits = m[1] ? Math.min(m[1].replace(/0+$/, '').length, 4) : 0;
  return minus(numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(String(text)));
}

export function int(n, lang) {
  return minus(numberFormat(lang, {}).format(n));
}

/** A share 0..1 (of clients, of revenue, a rate, a chance) by the core's one rule
 *  (format.rs `share`, its bounds generated into settings-schema.js): whole
 *  percents from 10 % to 99 %, one decimal below 10 % and above 99,5 %, so a
 *  tile, a table and the sentence above them write the same figure alike. */
export function pct(x, lang) {
  const v = Number.isFinite(x) ? x : 0;
  const p = Math.abs(v) * 100;
  const d = p === 0 || p === 100 || (p >= SHARE_WHOLE[0] && p < SHARE_WHOLE[1]) ? 0 : 1;
  return minus(numberFormat(lang, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d }).format(v));
}

/** A change as a signed percent (format.rs `change`): whole from 10 %, one decimal
 *  below; the label before it says what changed, the sign which way. */
export function change(x, lang) {
  const v = Number.isFinite(x) ? x : 0;
  const d = Math.abs(v) * 100 >= SHARE_WHOLE[0] ? 0 : 1;
  return minus(numberFormat(lang, { style: 'percent', signDisplay: 'exceptZero', minimumFractionDigits: d, maximumFractionDigits: d }).format(v));
}

/** A score such as NPS (−100..100), format.rs `score`: at most one decimal, the sign
 *  shown except at zero. */
export function score(x, lang) {
  const v = Number.isFinite(x) ? x : 0;
  return minus(numberFormat(lang, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(v));
}

const dates = new Map();
/** "2024-12-31" as the language writes dates; the value itself is not re-parsed through time zones. */
export function date(iso, lang) {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  if (!dates.has(lang)) dates.set(lang, new Intl.DateTimeFormat(lang, { timeZone: 'UTC' }));
  return dates.get(lang).format(Date.UTC(y, m - 1, d));
}

/** A money string's sign and digits in ten-thousandths, or null. */
function moneyUnits(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? '0'));
  return m && [m[1] === '-', m[2] + (m[3] ?? '').padEnd(4, '0').slice(0, 4)];
}

/** Money strings compare exactly as integers of their minor units. */
export function moneyKey(text) {
  const u = moneyUnits(text);
  if (!u) return 0n;
  const units = BigInt(u[1]);
  return u[0] ? -units : units;
}

/** As moneyKey, for sorting many: a Number where it is exact (up to 15 digits),
 *  which `<` compares exactly with the BigInt of a larger sum; making 100 000
 *  BigInts took most of a sort's time. */
export function moneyRank(text) {
  const u = moneyUnits(text);
  if (!u) return 0;
  const units = u[1].length <= 15 ? Number(u[1]) : BigInt(u[1]);
  return u[0] ? -units : units;
}
