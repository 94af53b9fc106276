// Number, money and date formatting in the page's language, all through Intl
// (NumberFormat, DateTimeFormat; plural forms are Intl.PluralRules in i18n.js).
// Money arrives as an exact decimal string and is formatted from that string:
// Intl.NumberFormat reads a string as an exact decimal, never through a float.
// Separators are the language's own (no-break spaces in ru and uk), and the page
// sets `white-space: nowrap` on number elements, so no figure breaks across lines.

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

/**
 * "1234567.50" -> "1 234 567,50" (ru), exactly, with the file's currency when it
 * has one ("1 234 567,50 ₽"). Cents are shown when the Report gives them (a sum
 * with more decimals, an average, is rounded to cents); a whole number stays whole.
 */
export function money(text, lang, code = currency) {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(String(text ?? ''));
  if (!m) return String(text ?? '');
  const digits = m[1] ? 2 : 0;
  const opts = { minimumFractionDigits: digits, maximumFractionDigits: digits };
  if (code) Object.assign(opts, { style: 'currency', currency: code, currencyDisplay: 'narrowSymbol' });
  return minus(numberFormat(lang, opts).format(String(text)));
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

/** A fraction 0..1 as a percent with one decimal. */
export function pct(x, lang) {
  return minus(numberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x ?? 0));
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
