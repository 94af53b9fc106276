// The page shell beyond the main path: the embedding API's errors, cancelling and
// progress; a 100 000-client table; custom ABC bounds; settings in the hash; the drop
// zone and its keyboard access; screenshots in English dark and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { setup, openPage, waitState, ROOT, ARTIFACTS, openSettings, rowsReady } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env;
const tmp = mkdtempSync(join(tmpdir(), 'clientscope-shell-'));
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const SMALL = join(ROOT, 'tests/fixtures/abc_small.csv');
/** Runs `action` and waits for the analysis it starts to end; returns the final state. */
const rerun = async (page, action) => {
  await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
  await action();
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  return page.evaluate(() => document.body.dataset.state);
};
const hashOf = (page) => new URL(page.url()).hash;
const column = (page, n) => page.$$eval(`#clients tbody tr td:nth-child(${n})`, (c) => c.map((x) => x.textContent));
// The window revenue column, found by its header (the lifecycle status column moved it from 8 to 9).
const MONEY = 9;

test('the embedding API: coded errors in the asked language, progress, a newer analysis cancels an older one', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  await page.waitForSelector('body[data-ready=true]');
  const r = await page.evaluate(async () => {
    const m = await import('./www/clientscope.js');
    const caught = (p) => p.then(() => null, (e) => ({ error: e instanceof Error, code: e.code, message: e.message }));
    const out = {};
    out.noColumn = await caught(m.analyze(new TextEncoder().encode('Клиент;Сумма\nА;1\n'), { lang: 'ru' }));
    out.notBytes = await caught(m.analyze('Дата;Клиент;Сумма', { lang: 'uk' }));
    // About 18 MB in a Blob: several 4 MiB chunks, read one by one.
    const rows = Array.from({ length: 600_000 }, (_, i) => `0${1 + (i % 9)}.03.2025;Клиент ${i % 5000};${i % 1000},50\n`);
    const big = new Blob(['Дата;Клиент;Сумма\n', ...rows]);
    // Other requests are answered between chunks and do not stop the analysis.
    const progress = [];
    const first = m.analyze(big, { lang: 'en', onProgress: (done, total) => progress.push([done, total]) });
    const demo = await m.demoBytes();
    const report = await first;
    out.demoBytes = demo.length;
    out.progress = progress;
    out.size = big.size;
    out.rowsRead = report.input.rows_read;
    // A second analysis while the first runs: the first rejects as cancelled.
    const older = caught(m.analyze(big, { lang: 'en' }));
    const newer = await m.analyze(new TextEncoder().encode('Дата;Клиент;Сумма\n01.03.2025;Альфа;10,00\n'), { lang: 'en' });
    out.older = await older;
    out.newer = newer.totals.revenue;
    // A bug in the worker (here: a "file" it cannot read) is an internal error in the
    // user's language, marked fatal so the page starts a fresh worker.
    const raw = new Worker('./www/worker.js', { type: 'module' });
    raw.postMessage({ type: 'analyze', id: 7, file: { size: 10 }, options: { lang: 'uk' } });
    out.raw = await new Promise((resolve) => { raw.onmessage = ({ data }) => data.type === 'error' && resolve(data); });
    raw.terminate();
    // The worker loads no texts since issue 16 (the page fetches each file once): it
    // sends the code and the detail, and the page words them.
    out.rawWorded = m.failureMessage('uk', out.raw.error);
    return out;
  });
  assert.equal(r.noColumn.error, true);
  assert.equal(r.noColumn.code, 'missing_columns');
  assert.match(r.noColumn.message, /Не найдены нужные столбцы: дата/);
  assert.deepEqual([r.notBytes.code, r.notBytes.message], ['bad_input', 'Передайте файл (File або Blob) чи байти (ArrayBuffer або Uint8Array).']);
  assert.ok(r.demoBytes > 1e6, 'the demo bytes came back during the analysis');
  assert.equal(r.rowsRead, 600_000);
  assert.ok(r.progress.length >= 4, `progress calls: ${r.progress.length}`);
  for (let i = 1; i < r.progress.length; i++) assert.ok(r.progress[i][0] > r.progress[i - 1][0], 'progress only grows');
  assert.deepEqual(r.progress.at(-1), [r.size, r.size]);
  assert.equal(r.older.code, 'cancelled');
  assert.equal(r.newer, '10.00');
  assert.equal(r.raw.id, 7);
  assert.equal(r.raw.fatal, true);
  assert.equal(r.raw.error.code, 'internal');
  assert.match(r.raw.error.detail, /slice/);
  assert.match(r.rawWorded, /^Внутрішня помилка програми\. .*\(.*slice.*\)$/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('100 000 clients: the table sorts, searches and pages without stalling the page', async () => {
  // Client i buys for i × 10.05: sorting money as text would put 100.50 before 20.10.
  const n = 100_000;
  const lines = ['Дата;Клиент;Сумма'];
  for (let i = 1; i <= n; i++) {
    const cents = i * 1005;
    lines.push(`15.03.2025;Клиент ${String(i).padStart(6, '0')};${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`);
  }
  const file = join(tmp, 'many.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', file);
  assert.equal(await waitState(page, 'done'), 'done');
  assert.equal(await page.textContent('#client-info'), 'Showing 1–100 of 100,000');
  assert.equal(await page.$$eval('#clients tbody tr', (r) => r.length), 100);
  assert.deepEqual((await column(page, 1)).slice(0, 2), ['Клиент 100000', 'Клиент 099999']);
  assert.equal(await page.$eval(`#clients thead th:nth-child(${MONEY})`, (t) => t.dataset.key), 'window_revenue');
  // From 10 000 on, whole units (format.rs WHOLE_FROM); the cell's title is exact.
  assert.equal((await column(page, MONEY))[0], '1,005,000');
  assert.equal(await page.getAttribute(`#clients tbody tr:first-child td:nth-child(${MONEY})`, 'title'), '1,005,000.00');
  // One click re-sorts 100 000 rows; timed inside the page, where the work happens.
  const clickMs = (sel) => page.evaluate((s) => {
    const t0 = performance.now();
    document.querySelector(s).click();
    return performance.now() - t0;
  }, sel);
  const asc = await clickMs('#clients th[data-key=window_revenue] button');
  await rowsReady(page);
  assert.equal(await page.getAttribute('#clients th[data-key=window_revenue]', 'aria-sort'), 'ascending');
  assert.deepEqual((await column(page, 1)).slice(0, 3), ['Клиент 000001', 'Клиент 000002', 'Клиент 000003']);
  assert.deepEqual((await column(page, MONEY)).slice(0, 3), ['10.05', '20.10', '30.15']);
  const byName = await clickMs('#clients th[data-key=id] button');
  await rowsReady(page);
  assert.equal(await page.getAttribute('#clients th[data-key=id]', 'aria-sort'), 'ascending');
  assert.equal(await page.getAttribute('#clients th[data-key=window_revenue]', 'aria-sort'), 'none');
  await clickMs('#clients th[data-key=id] button');
  await rowsReady(page);
  assert.equal(await page.getAttribute('#clients th[data-key=id]', 'aria-sort'), 'descending');
  assert.equal((await column(page, 1))[0], 'Клиент 100000');
  // Printed, not asserted: a time limit flakes on a shared 2-core machine.
  console.log(`100 000 clients: sorted by revenue in ${asc.toFixed(0)} ms, by name in ${byName.toFixed(0)} ms`);
  // Pages: 100 rows each.
  await page.click('#next');
  await rowsReady(page);
  assert.equal(await page.textContent('#client-info'), 'Showing 101–200 of 100,000');
  assert.equal((await column(page, 1))[0], 'Клиент 099900');
  await page.click('#prev');
  await rowsReady(page);
  assert.equal((await column(page, 1))[0], 'Клиент 100000');
  // Search: case-insensitive substring; one keystroke is fast.
  const searchMs = await page.evaluate(() => {
    const box = document.getElementById('client-search');
    box.value = 'кЛИЕНТ 04200';
    const t0 = performance.now();
    box.dispatchEvent(new Event('input'));
    return performance.now() - t0;
  });
  await rowsReady(page);
  assert.deepEqual(await column(page, 1), ['Клиент 042009', 'Клиент 042008', 'Клиент 042007', 'Клиент 042006', 'Клиент 042005', 'Клиент 042004', 'Клиент 042003', 'Клиент 042002', 'Клиент 042001', 'Клиент 042000']);
  assert.equal(await page.textContent('#client-info'), 'Showing 1–10 of 10');
  assert.ok(searchMs < 1000, `a search keystroke took ${searchMs.toFixed(0)} ms`);
  await page.fill('#client-search', 'no such client');
  await rowsReady(page);
  assert.equal(await page.textContent('#clients tbody'), 'Nothing found');
  assert.equal(await page.isDisabled('#next'), true);
  await page.context().close();
});

test('custom ABC bounds: typed in, kept in the hash, and refused when out of order', async () => {
  const { page } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', SMALL);
  await waitState(page, 'done');
  await openSettings(page); // folded away when the results came
  assert.equal(await page.isVisible('#abc-a'), false);
  await page.selectOption('#abc-preset', 'custom');
  assert.equal(await page.isVisible('#abc-a'), true);
  assert.equal(await page.inputValue('#abc-preset'), 'custom');
  await page.fill('#abc-a', '70');
  assert.equal(await rerun(page, () => page.press('#abc-a', 'Tab')), 'done');
  await page.fill('#abc-b', '90');
  assert.equal(await rerun(page, () => page.press('#abc-b', 'Tab')), 'done');
  // Shares held by larger clients 0, .5 | .7, .85 | .95 -> A A B B C.
  assert.deepEqual(await page.$$eval('#abc tbody tr .count', (c) => c.map((x) => x.textContent)), ['2', '2', '1', '0']);
  assert.match(await page.textContent('#abc-explain'), /first 70% of revenue.*up to 90%/);
  assert.match(hashOf(page), /[#&]abc=70,90(&|$)/);
  assert.equal(await page.inputValue('#abc-preset'), 'custom');
  // A above B: nothing re-runs, the fields say why, the hash keeps the last good bounds.
  await page.fill('#abc-a', '95');
  await page.press('#abc-a', 'Tab');
  assert.match(await page.textContent('#notice'), /0 < A < B < 100.*70 \/ 90/);
  assert.equal(await page.getAttribute('#abc-a', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
  assert.match(hashOf(page), /abc=70,90/);
  // A window that is not a whole number is refused the same way.
  await page.fill('#window', '-3');
  await page.press('#window', 'Tab');
  // The limit is the core's (crate/src/settings.rs): 5200 periods, where the page
  // once stopped at 520 and a CLI setting could not travel in a link.
  assert.match(await page.textContent('#notice'), /whole number from 0 to 5200.*12/);
  assert.doesNotMatch(hashOf(page), /window=/);
  await page.context().close();
});

test('every setting change lands in the hash, and a link restores them all', async () => {
  const { page } = await openPage(env.browser, env.url, { hash: '#asof=2025-03-04&window=0&period=quarter&abc=50,80' });
  await page.setInputFiles('#file', SMALL);
  await waitState(page, 'done');
  await openSettings(page); // folded away when the results came
  assert.equal(await page.inputValue('#asof'), '2025-03-04');
  assert.equal(await page.textContent('#total-asof .value'), '3/4/2025');
  assert.match(hashOf(page), /^#lang=en&abc=50,80&period=quarter&window=0&asof=2025-03-04$/);
  assert.equal(await rerun(page, () => page.selectOption('#period', 'week')), 'done');
  assert.match(hashOf(page), /period=week/);
  await page.fill('#window', '26');
  assert.equal(await rerun(page, () => page.press('#window', 'Tab')), 'done');
  assert.match(hashOf(page), /window=26/);
  await page.fill('#asof', '');
  assert.equal(await rerun(page, () => page.dispatchEvent('#asof', 'change')), 'done');
  assert.doesNotMatch(hashOf(page), /asof/);
  assert.equal(await page.textContent('#total-asof .value'), '3/5/2025');
  assert.equal(await rerun(page, () => page.selectOption('#abc-preset', '80,95')), 'done');
  assert.doesNotMatch(hashOf(page), /abc=/);
  // Switching the language re-runs the analysis so the core's texts follow it.
  assert.equal(await rerun(page, () => page.selectOption('#lang', 'ru')), 'done');
  assert.match(hashOf(page), /lang=ru/);
  assert.equal(await page.textContent('#clients h2'), 'Клиенты');
  await page.context().close();
  // Values that are not real: an impossible date, unknown words. Each is named, none applied.
  const { page: bad } = await openPage(env.browser, env.url, { hash: '#asof=2025-02-30&period=fortnight&lang=xx&window=9999&abc=50' });
  assert.match(await bad.textContent('#notice'), /ignored: asof, period, lang, window, abc$/);
  assert.equal(await bad.inputValue('#asof'), '');
  assert.equal(await bad.inputValue('#period'), 'month');
  assert.equal(await bad.inputValue('#window'), '12');
  assert.equal(await bad.evaluate(() => document.documentElement.lang), 'en');
  await bad.context().close();
});

test('the drop zone takes a dropped file, and the keyboard reaches the file picker', async () => {
  const { page } = await openPage(env.browser, env.url);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['Дата;Клиент;Сумма\n01.03.2025;Альфа;10,00\n02.03.2025;Бета;2,50\n'], 'dropped.csv', { type: 'text/csv' }));
    document.getElementById('drop').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  assert.equal(await waitState(page, 'done'), 'done');
  assert.equal(await page.textContent('#total-revenue .value'), '12.50');
  // Tab from the language switch lands on the file input, shown as the drop zone's focus.
  await page.focus('#lang');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'file');
  assert.equal(await page.evaluate(() => document.getElementById('drop').matches(':focus-within')), true);
  // Under a heavy load headless Chromium now and then drops the first key's
  // activation (seen once in ~10 full runs); the focus is checked, so a second press
  // still proves that the keyboard opens the picker.
  const chooser = await (async () => {
    for (let attempt = 0; ; attempt++) {
      assert.equal(await page.evaluate(() => document.activeElement.id), 'file');
      const opened = page.waitForEvent('filechooser', { timeout: 10_000 });
      await page.keyboard.press('Space');
      try { return await opened; } catch (err) { if (attempt === 2) throw err; }
    }
  })();
  // The page is already done with the dropped file: wait for this analysis, not that one.
  assert.equal(await rerun(page, () => chooser.setFiles(SMALL)), 'done');
  assert.equal(await page.textContent('#total-clients .value'), '5');
  await page.context().close();
});

test('screenshots: English dark, and Ukrainian on a phone without sideways scrolling', async () => {
  const { page } = await openPage(env.browser, env.url, { locale: 'en-US', colorScheme: 'dark' });
  await page.click('#demo');
  await waitState(page, 'done');
  await page.screenshot({ path: join(ARTIFACTS, 'demo-en-dark.png') });
  await page.context().close();
  const context = await env.browser.newContext({ locale: 'uk-UA', viewport: { width: 390, height: 844 }, isMobile: true });
  const phone = await context.newPage();
  await phone.goto(`${env.url}index.html`);
  await phone.click('#demo');
  await waitState(phone, 'done');
  // The wide client table scrolls inside its card; the page itself does not.
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390);
  await phone.screenshot({ path: join(ARTIFACTS, 'demo-uk-phone.png') });
  await context.close();
});

test('served from a sub-path, the page finds its scripts, worker and wasm', async () => {
  const parent = await startServer({ port: 0, root: dirname(ROOT) });
  try {
    const { page, errors } = await openPage(env.browser, `${parent.url}${encodeURIComponent(basename(ROOT))}/`);
    await page.click('#demo');
    assert.equal(await waitState(page, 'done'), 'done');
    assert.match(await page.textContent('#total-clients .value'), /^[1-9]\d{0,2}(,\d{3})*$/);
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    await parent.close();
  }
});
