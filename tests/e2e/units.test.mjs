// The shell's pure modules under Node, no browser: every text exists in all three
// languages, the language choice, and exact money formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS, TEXTS, pickLang, t } from '../../www/i18n.js';
import { money, moneyKey, pct, date } from '../../www/format.js';

const NBSP = '\u00a0';

/** Every key path of one language's texts: `skip.bad_date`, `title`, ... */
const keysOf = (o, prefix = '') => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`])).sort();

test('every text exists in Russian, Ukrainian and English, and they differ', () => {
  const en = keysOf(TEXTS.en);
  assert.ok(en.length > 100, `${en.length} keys`);
  for (const lang of ['ru', 'uk']) assert.deepEqual(keysOf(TEXTS[lang]), en, lang);
  for (const lang of LANGS) for (const key of en) assert.ok(t(lang, key).trim(), `${lang} ${key}`);
  // Nested groups too, for each key used by the page.
  for (const key of ['skip.bad_date', 'skip.no_client', 'skip.totals_row', 'skip.blank', 'skip.bad_amount', 'role.client', 'warn.no_header']) {
    const texts = LANGS.map((lang) => t(lang, key));
    assert.equal(new Set(texts).size, 3, `${key}: ${texts}`);
    for (const text of texts) assert.notEqual(text, key);
  }
  // Placeholders survive translation.
  for (const lang of LANGS) assert.match(t(lang, 'abcExplain', { a: 80, b: 95 }), /80 %.*95 %/);
});

test('the language comes from the browser list: ru*, uk*/ua, else English', () => {
  assert.equal(pickLang(['ru-RU', 'en']), 'ru');
  assert.equal(pickLang(['uk-UA']), 'uk');
  assert.equal(pickLang(['ua']), 'uk');
  assert.equal(pickLang(['de-DE', 'uk', 'ru']), 'uk');
  assert.equal(pickLang(['en-GB', 'ru']), 'en');
  assert.equal(pickLang(['de-DE', 'fr']), 'en');
  assert.equal(pickLang([]), 'en');
});

test('money is formatted from its digits, exactly, up to 1e15 and beyond', () => {
  assert.equal(money('1234567.80', 'en'), '1,234,567.80');
  assert.equal(money('1234567.80', 'ru'), `1${NBSP}234${NBSP}567,80`);
  assert.equal(money('1234567.80', 'uk'), `1${NBSP}234${NBSP}567,80`);
  // A float would print 999999999999999.9 as ...999.875 or round it; the string does not.
  assert.equal(money('999999999999999.99', 'en'), '999,999,999,999,999.99');
  assert.equal(money('12345678901234567890.01', 'en'), '12,345,678,901,234,567,890.01');
  assert.equal(money('-30.00', 'en'), '−30.00');
  assert.equal(money('0.00', 'ru'), '0,00');
  assert.equal(money('7', 'en'), '7');
  assert.ok(moneyKey('999999999999999.99') > moneyKey('999999999999999.98'));
  assert.ok(moneyKey('-1.00') < moneyKey('0.50'));
  assert.ok(moneyKey('100.50') > moneyKey('20.10'));
  assert.equal(pct(0.8974358974358975, 'en'), '89.7%');
  assert.equal(pct(0.05, 'ru'), `5,0${NBSP}%`);
  assert.equal(date('2025-12-31', 'ru'), '31.12.2025');
  assert.equal(date(null, 'en'), '—');
});
