// The "how reliable is the forecast" panel: the holdout check's verdict in the UI
// language, word for word the sentence the CLI and the HTML report give (the core's
// `holdout::sentences`), with the Report's figures in it; the tracking and
// calibration charts shown and decoded; the forecast's totals beside their 80 %
// ranges from the Report; the parameters only inside the "how" fold; the chance of a
// purchase in 90 days in the leaving list and the client table.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli } from './helpers.mjs';
import { pct as share } from '../../www/format.js';

let env;
let tmp;
let demo;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'clientscope-forecast-'));
  demo = join(tmp, 'demo.csv');
  cli(['demo', '--out', demo]);
});
after(async () => { await env.close(); });

/** The HTML report's verdict and model sentences for the demo in `lang`. */
function reportSentences(lang) {
  const out = join(tmp, `out-${lang}`);
  cli(['analyze', demo, '--lang', lang, '--out', out]);
  const html = readFileSync(join(out, readdirSync(out).find((n) => n.endsWith('.html'))), 'utf8');
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const pick = (id) => unescape(new RegExp(`<p[^>]*id="${id}">([^<]*)</p>`).exec(html)?.[1] ?? '');
  return { verdict: pick('forecast-verdict'), model: pick('forecast-model'), charts: [...html.matchAll(/id="chart-(holdout-[a-z]+)"/g)].map((m) => m[1]) };
}

for (const lang of ['en', 'ru']) {
  test(`the forecast panel in ${lang}: the core's verdict, both charts, the ranges, parameters folded`, async () => {
    const report = JSON.parse(cli(['analyze', demo, '--json', '--lang', lang]));
    const b = report.btyd;
    const h = b.holdout;
    const used = h.models.find((m) => m.model === h.chosen);
    assert.equal(b.status, 'fitted');
    assert.ok(used?.predicted > 0 && h.actual > 0, 'the demo has a holdout check');
    const expected = reportSentences(lang);
    assert.deepEqual(expected.charts, ['holdout-tracking', 'holdout-calibration']);

    const { page, context, errors } = await openPage(env.browser, env.url, { hash: `#lang=${lang}`, locale: lang });
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#demo');
    assert.equal(await waitState(page, 'done'), 'done');
    await page.waitForSelector('body[data-charts=done]');

    // The verdict: the same sentence as the HTML report's, with the Report's figures.
    const verdict = await page.textContent('#forecast-verdict');
    assert.equal(verdict, expected.verdict);
    const nf = new Intl.NumberFormat(lang);
    const plain = (s) => s.replace(/[\s\u00a0\u202f]/g, ' ');
    assert.ok(plain(verdict).includes(plain(nf.format(Math.round(used.predicted)))), verdict);
    assert.ok(plain(verdict).includes(plain(nf.format(h.actual))), verdict);
    assert.equal(await page.textContent('#forecast-model'), expected.model);

    // Both charts, decoded, titled in the UI language.
    for (const name of ['holdout-tracking', 'holdout-calibration']) {
      const img = await page.$(`#forecast figure.chart[data-chart=${name}] img`);
      assert.ok(img, name);
      const ok = await img.evaluate(async (i) => { await i.decode(); return i.naturalWidth > 0 && !i.closest('figure').hidden; });
      assert.ok(ok, name);
    }
    const alts = await page.$$eval('#forecast figure.chart img', (n) => n.map((i) => i.alt));
    assert.deepEqual(alts, [
      { en: 'Purchases in the held-out weeks, cumulative', ru: 'Покупки за недели проверки, нарастающим итогом' }[lang],
      { en: 'Purchases per client in the check, by repeat purchases before it', ru: 'Покупок на клиента за проверку — по числу повторных покупок до неё' }[lang],
    ]);

    // The totals beside their ranges: the Report's figures, rounded.
    const figures = plain(await page.textContent('#forecast-figures'));
    assert.ok(b.ranges, 'the demo has ranges');
    for (const v of [b.expected_purchases, ...b.ranges.expected_purchases]) {
      assert.ok(figures.includes(plain(nf.format(Math.round(v)))), `${v} in ${figures}`);
    }
    const [lo, hi] = b.ranges.revenue_range.map(Number);
    assert.ok(lo < Number(b.ranges.revenue) && Number(b.ranges.revenue) < hi);
    for (const v of [lo, hi]) assert.ok(figures.includes(plain(nf.format(Math.round(v)))), `${v} in ${figures}`);

    // Parameters only inside the fold, closed at first.
    assert.equal(await page.$eval('#forecast-how', (d) => d.open), false);
    const outside = await page.$eval('#forecast', (s) => [...s.children].filter((c) => c.id !== 'forecast-how').map((c) => c.textContent).join(' '));
    assert.ok(!/alpha/.test(outside), outside);
    assert.match(await page.textContent('#forecast-how'), /alpha/);

    // The chance of a purchase in 90 days: a column of the leaving list and the client table.
    const title = { en: 'Chance of a purchase in 90 days', ru: 'Шанс покупки за 90 дней' }[lang];
    for (const table of ['#leaving-list', 'table.clients']) {
      const heads = await page.$$eval(`${table} thead th`, (n) => n.map((x) => x.textContent));
      assert.ok(heads.includes(title), `${table}: ${heads}`);
    }
    const first = report.leaving.list[0].id;
    const p = report.clients.find((c) => c.id === first).p_buy[2];
    const cell = await page.$eval('#leaving-list tbody tr td:last-child', (td) => td.textContent);
    assert.equal(cell, share(p, lang));
    assert.deepEqual(errors, []);
    await context.close();
  });
}
