// Number and date formatting in the UI language. Money arrives as an exact decimal
// string and is formatted from its digits, never through a float.

const cache = new Map();
function symbols(lang) {
  if (!cache.has(lang)) {
    const parts = new Intl.NumberFormat(lang).formatToParts(1234567.5);
    cache.set(lang, {
      group: parts.find((p) => p.type === 'group')?.value ?? ' ',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    });
  }
  return cache.get(lang);
}

/** "1234567.50" -> "1 234 567,50" (ru), exactly. */
export function money(text, lang) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? ''));
  if (!m) return String(text ?? '');
  const { group, decimal } = symbols(lang);
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${m[1] ? '−' : ''}${whole}${m[3] ? decimal + m[3] : ''}`;
}

export function int(n, lang) {
  return new Intl.NumberFormat(lang).format(n);
}

/** A fraction 0..1 as a percent with one decimal. */
export function pct(x, lang) {
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x ?? 0);
}

/** "2024-12-31" as the language writes dates; the value itself is not re-parsed through time zones. */
export function date(iso, lang) {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat(lang, { timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** Money strings compare exactly as integers of their minor units. */
export function moneyKey(text) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text ?? '0'));
  if (!m) return 0n;
  const units = BigInt(m[2] + (m[3] ?? '').padEnd(4, '0').slice(0, 4));
  return m[1] ? -units : units;
}
