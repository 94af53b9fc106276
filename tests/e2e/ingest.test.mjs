// Reading real exports in the page: detected encoding and row account, the column
// panel, the encoding override and the sheet picker, each kept in the hash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { setup, openPage, waitState, openSettings, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const fixture = (name) => join(ROOT, 'tests/fixtures/ingest', name);
const rerun = async (page, action) => {
  await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
  await action();
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  return page.evaluate(() => document.body.dataset.state);
};

test('a 1C report in Windows-1251 opens without a setting and accounts for every row', async () => {
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', fixture('1c_sales_cp1251.csv'));
  assert.equal(await waitState(page, 'done'), 'done');
  assert.match(await page.textContent('#input .facts'), /windows-1251/);
  assert.equal(await page.textContent('#rows-read'), '6');
  assert.equal(await page.textContent('#rows-used'), '5');
  assert.match(await page.textContent('#skipped li[data-reason=totals_row]'), /totals row: 1 — first lines: 11/);
  // Sums from 10 000 on read in whole units; the exact figure is the tile's title.
  assert.equal(await page.textContent('#total-revenue .value'), '1,364,459');
  assert.match(await page.getAttribute('#total-revenue .value', 'title'), /1,364,458\.89/);
  assert.ok((await page.$$eval('#clients td.client', (c) => c.map((x) => x.textContent))).includes('ООО «Ромашка»'));
  // Forcing a wrong encoding garbles the headers, which the error lists; the link
  // keeps the choice; back to automatic, the file reads again. (The settings folded
  // away when the results came: one click opens them.)
  await openSettings(page);
  assert.equal(await rerun(page, () => page.selectOption('#encoding', 'KOI8-R')), 'error');
  assert.match(await page.textContent('[role=alert]'), /Required columns not found: date, client, amount/);
  assert.match(page.url(), /enc=KOI8-R/);
  await openSettings(page);
  assert.equal(await rerun(page, () => page.selectOption('#encoding', '')), 'done');
  assert.ok((await page.$$eval('#clients td.client', (c) => c.map((x) => x.textContent))).includes('ООО «Ромашка»'));
  await page.context().close();
});

test('the column panel reassigns a role and the link keeps it by header name', async () => {
  const csv = 'Дата;Клиент;Сумма;Сумма со скидкой\n01.03.2025;Альфа;100,00;90,00\n02.03.2025;Бета;50,00;45,00\n';
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', { name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitState(page, 'done');
  assert.equal(await page.textContent('#total-revenue .value'), '150.00');
  await page.click('#columns summary');
  const amountSelect = page.locator('#columns select[aria-label="Сумма со скидкой"]');
  assert.equal(await rerun(page, () => amountSelect.selectOption('amount')), 'done');
  assert.equal(await page.textContent('#total-revenue .value'), '135.00');
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('col.amount'), 'Сумма со скидкой');
  // The same link on a fresh page applies the choice to the same file.
  const { page: again } = await openPage(env.browser, env.url, { hash: new URL(page.url()).hash });
  await again.setInputFiles('#file', { name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await waitState(again, 'done');
  assert.equal(await again.textContent('#total-revenue .value'), '135.00');
  await page.context().close();
  await again.context().close();
});

test('a workbook offers its sheets; an empty sheet is an error, the data sheet reads', async () => {
  const { page } = await openPage(env.browser, env.url, { locale: 'ru-RU' });
  await page.setInputFiles('#file', fixture('sales.xlsx'));
  assert.equal(await waitState(page, 'done'), 'done');
  assert.equal(await page.isVisible('#sheet'), true);
  assert.deepEqual(await page.$$eval('#sheet option', (o) => o.map((x) => x.value)), ['Пусто', 'Продажи']);
  assert.equal(await page.inputValue('#sheet'), 'Продажи');
  assert.equal(await page.textContent('#total-revenue .value'), '3\u00a0600,49');
  assert.equal(await rerun(page, () => page.selectOption('#sheet', 'Пусто')), 'error');
  assert.match(await page.textContent('[role=alert]'), /пуст/i);
  assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('sheet'), 'Пусто');
  await page.context().close();
});

test('UCI Online Retail: month-first dates are told from the column, cancellations are returns', async () => {
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', fixture('uci_online_retail.csv'));
  await waitState(page, 'done');
  assert.match(await page.textContent('#input .facts'), /month\/day/);
  assert.match(await page.textContent('#total-returns'), /1/);
  assert.match(await page.textContent('#skipped li[data-reason=no_client]'), /no client: 2/);
  await page.context().close();
});

test('a date typo and a line in another encoding are warnings with their lines', async () => {
  // 20 clients buying monthly through 2024, one row typed 31.12.9999 (line 30), one
  // client name pasted in Windows-1251 (line 40) into a UTF-8 file.
  const lines = ['Дата;Клиент;Сумма'];
  for (let m = 1; m <= 12; m++) for (let c = 0; c < 20; c++) lines.push(`${String(10 + (c % 5))}.${String(m).padStart(2, '0')}.2024;Клиент ${c};100`);
  lines[29] = '31.12.9999;Клиент 8;100';
  const bytes = Buffer.concat(lines.map((l, i) => (i === 39
    ? Buffer.from([...Buffer.from('15.02.2024;'), 0xcf, 0xf0, 0xee, 0xe1, 0xe0, ...Buffer.from(';100\n')]) // «Проба» in 1251
    : Buffer.from(`${l}\n`))));
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', { name: 'sales.csv', mimeType: 'text/csv', buffer: bytes });
  assert.equal(await waitState(page, 'done'), 'done');
  assert.match(await page.textContent('#input .facts'), /UTF-8/);
  assert.match(await page.textContent('#warnings li[data-code=late_date_outliers]'), /Rows dated decades after the rest, likely typos: 1 \(lines 30\)/);
  assert.match(await page.textContent('#warnings li[data-code=mixed_encoding]'), /some lines are in another encoding: 1 \(lines 40\)/);
  assert.ok((await page.$$eval('#clients td.client', (c) => c.map((x) => x.textContent))).includes('Проба'));
  await page.context().close();
});
