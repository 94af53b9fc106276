// www/format.js under Node: money with and without the Report's currency, exact
// from the decimal string, in each language's conventions; plain decimals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { money, moneyExact, moneyTitle, times, decimal, int, setCurrency, moneyKey, moneyRank, score } from '../../www/format.js';

const NBSP = '\u00a0';

test('money names the currency the Report carries, and none when it carries none', () => {
  // From 10 000 on, sums read in whole units (format.rs WHOLE_FROM); moneyExact keeps the cents.
  assert.equal(money('1234567.80', 'ru', 'RUB'), `1${NBSP}234${NBSP}568${NBSP}₽`);
  assert.equal(moneyExact('1234567.80', 'ru', 'RUB'), `1${NBSP}234${NBSP}567,80${NBSP}₽`);
  assert.equal(money('1234.5', 'uk', 'UAH'), `1${NBSP}234,50${NBSP}₴`);
  assert.equal(money('-30.00', 'en', 'USD'), '−$30.00');
  assert.equal(moneyExact('12345678901234567890.01', 'en', 'EUR'), '€12,345,678,901,234,567,890.01');
  assert.equal(money('12345678901234567890.50', 'en', 'EUR'), '€12,345,678,901,234,567,891');
  // setCurrency is what the page calls with report.settings.currency.
  setCurrency('RUB');
  assert.equal(money('7', 'en'), '₽7');
  setCurrency(null);
  assert.equal(money('7', 'en'), '7');
  setCurrency('not a code');
  assert.equal(money('7.00', 'ru'), '7,00');
});

test('sums with more decimals than cents are rounded to cents; other decimals keep theirs', () => {
  // The UCI file's four decimals (issue 15): whole units on the page, as the core's
  // format::money writes them (its test has the same figure), the exact one in the title.
  assert.equal(money('15140158.5071', 'ru'), `15${NBSP}140${NBSP}159`);
  assert.equal(moneyTitle('15140158.5071', 'ru'), `15${NBSP}140${NBSP}158,5071`);
  assert.equal(money('1234.5071', 'en'), '1,234.51');
  assert.equal(moneyTitle('1234.50', 'en'), null);
  // 9 999,9999 rounds to 10 000,00 and so reads whole, as in the core.
  assert.equal(money('9999.9999', 'en'), '10,000');
  assert.equal(money('9999.99', 'en'), '9,999.99');
  assert.equal(money('-10000.50', 'en'), '−10,001');
  assert.equal(money('0.005', 'en'), '0.01');
  assert.equal(decimal('12.5000', 'ru'), '12,5');
  assert.equal(decimal('3.00', 'en'), '3');
  assert.equal(decimal('-1234.125', 'en'), '−1,234.125');
  assert.equal(int(-5, 'ru'), '−5');
});

test('a ratio reads as times: one decimal below 3, whole from 3 on (format.rs times)', () => {
  assert.deepEqual(times(5.143, 'ru'), { n: '5', count: 5 });
  assert.deepEqual(times(2.24, 'ru'), { n: '2,2', count: 2.2 });
  assert.deepEqual(times(2, 'en'), { n: '2', count: 2 });
  assert.deepEqual(times(21.4, 'en'), { n: '21', count: 21 });
});

test('the client table sorts money as moneyKey does, Numbers and BigInts mixed', () => {
  // 11 whole digits + 4 decimals fit a Number exactly; 12 do not and stay BigInts.
  const values = ['99999999999.9999', '100000000000', '99999999999.9998', '-100000000000.0001', '-99999999999.9999',
    '0', '-0.0001', '12345678901234567890.01', '12345678901234567890.0099', null, '1.5', '1.49999'];
  const cmp = (f) => (a, b) => { const [x, y] = [f(a), f(b)]; return x < y ? -1 : x > y ? 1 : 0; };
  assert.deepEqual([...values].sort(cmp(moneyRank)), [...values].sort(cmp(moneyKey)));
  assert.deepEqual([...values].sort(cmp(moneyKey)).slice(0, 3), ['-100000000000.0001', '-99999999999.9999', '-0.0001']);
  assert.equal(typeof moneyRank('99999999999.9999'), 'number');
  assert.equal(typeof moneyRank('100000000000'), 'bigint');
});

test('scores read as the core writes them (the cases crate/tests/format_cases.rs checks too)', () => {
  const cases = JSON.parse(readFileSync(new URL('../fixtures/format_cases.json', import.meta.url), 'utf8'));
  assert.ok(cases.score.length >= 60);
  for (const c of cases.score) assert.equal(score(c.x ?? NaN, c.lang), c.text, `${c.x} in ${c.lang}`);
});
