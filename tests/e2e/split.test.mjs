// A large file read by several workers at once (crate/src/split.rs): the page's
// Report is the CLI's, field for field, with one progress bar over the parts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, rmSync } from 'node:fs';
import { setup, openPage, waitState, cli, ARTIFACTS } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

/** Sale lines past the split threshold (16 MiB) with what makes cutting hard: CR LF,
 *  Cyrillic names, quoted fields holding the delimiter, quotes and line breaks, and
 *  rows skipped for a bad date, an empty client or a totals line. */
function generate(path, rows) {
  const names = ['ООО «Ромашка»', 'ИП Петров', 'Клиент ""Ё""', 'ТОВ Світанок', 'Acme; Ltd'];
  const out = ['Дата;Клиент;Заказ;Сумма;Комментарий\r\n'];
  for (let i = 0; i < rows; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const date = i % 211 === 5 ? '31.02.2024' : `${day}.${month}.2024`;
    const client = i % 307 === 9 ? '' : `"${names[i % 5]} ${i % 5000}"`;
    const amount = `${100 + ((i * 37) % 9000)},${String(i % 100).padStart(2, '0')}`;
    const comment = i % 97 === 0 ? '"две\r\nстроки"' : i % 97 === 1 ? '"a;b ""c"""' : 'ёж';
    out.push(`${date};${client};N${Math.floor(i / 3)};${amount};${comment}\r\n`);
    if (i % 1009 === 7) out.push('Итого;;;123,00;\r\n');
  }
  writeFileSync(path, out.join(''));
}

test('a large file split among workers gives the CLI\'s Report, with one progress bar', async () => {
  const file = join(ARTIFACTS, 'split-large.csv');
  generate(file, 420_000);
  try {
    const expected = JSON.parse(cli(['analyze', file, '--json']));
    const { page, errors } = await openPage(env.browser, env.url);
    await page.evaluate(() => document.body.append(Object.assign(document.createElement('input'), { type: 'file', id: 'split-file' })));
    await page.setInputFiles('#split-file', file);
    const run = (workers) => page.evaluate(async (workers) => {
      const { analyze } = await import('./www/clientscope.js');
      const f = document.getElementById('split-file').files[0];
      let stats = null;
      const seen = [];
      const report = await analyze(f, { workers, onStats: (s) => { stats = s; }, onProgress: (done, total) => seen.push([done, total]) });
      return { report, parts: stats.parts, seen, size: f.size };
    }, workers);
    const two = await run(2);
    assert.equal(two.parts, 2, 'read in two parts');
    assert.deepEqual(two.report, expected);
    assert.ok(two.report.input.rows_skipped > 0 && two.report.input.skipped.bad_date.lines.length > 0);
    // One bar over all parts: it ends full and never passes the file's size.
    assert.ok(two.seen.every(([done, total]) => total === two.size && done <= total));
    assert.deepEqual(two.seen.at(-1), [two.size, two.size]);
    const one = await run(1);
    assert.equal(one.parts, 1);
    assert.deepEqual(one.report, expected);
    // The page's own file input takes the same path.
    await page.setInputFiles('#file', file);
    assert.equal(await waitState(page, 'done', 120_000), 'done');
    assert.equal(await page.textContent('#rows-read'), expected.input.rows_read.toLocaleString('en-US'));
    assert.deepEqual(errors, []);
    await page.context().close();
  } finally {
    rmSync(file, { force: true });
  }
});
