// www/format.js under Node: money with and without the Report's currency, exact
// from the decimal string, in each language's conventions; plain decimals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { money, decimal, int, setCurrency, moneyKey, moneyRank } from '../../www/format.js';

const NBSP = '\u00a0';

test('money names the currency the Report carries, and none when it carries none', () => {
  assert.equal(money('1234567.80', 'ru', 'RUB'), `1${NBSP}234${NBSP}567,80${NBSP}₽`);
  assert.equal(money('1234.5', 'uk', 'UAH'), `1${NBSP}234,50${NBSP}₴`);
  assert.equal(money('-30.00', 'en', 'USD'), '−$30.00');
  assert.equal(money('12345678901234567890.01', 'en', 'EUR'), '€12,345,678,901,234,567,890.01');
  // setCurrency is what the page calls with report.settings.currency.
  setCurrency('RUB');
  assert.equal(money('7', 'en'), '₽7');
  setCurrency(null);
  assert.equal(money('7', 'en'), '7');
  setCurrency('not a code');
  assert.equal(money('7.00', 'ru'), '7,00');
});

test('sums with more decimals than cents are rounded to cents; other decimals keep theirs', () => {
  // The UCI file's four decimals (issue 15): cents on the page, the exact figure in the downloads.
  assert.equal(money('15140158.5071', 'ru'), `15${NBSP}140${NBSP}158,51`);
  assert.equal(money('0.005', 'en'), '0.01');
  assert.equal(decimal('12.5000', 'ru'), '12,5');
  assert.equal(decimal('3.00', 'en'), '3');
  assert.equal(decimal('-1234.125', 'en'), '−1,234.125');
  assert.equal(int(-5, 'ru'), '−5');
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
