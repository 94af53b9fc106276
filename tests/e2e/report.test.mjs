// The HTML report as a document: the demo's report prints to a few A4 pages, and no
// number in it breaks across lines at a phone's width or a desktop's, in Russian
// and English. The report comes from the CLI's --out, byte for byte what the page
// downloads (app.test.mjs checks that).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, cli, ARTIFACTS } from './helpers.mjs';

/** The most pages the demo's report may print to (BENCHMARKS.md has the count). */
const MAX_PAGES = 8;

let browser;
const reports = {};
before(async () => {
  browser = await launch();
  const dir = mkdtempSync(join(tmpdir(), 'clientscope-report-'));
  const demo = join(dir, 'demo.csv');
  cli(['demo', '--out', demo]);
  for (const lang of ['ru', 'en']) {
    const out = join(dir, lang);
    cli(['analyze', demo, '--lang', lang, '--out', out]);
    reports[lang] = join(out, readdirSync(out).find((f) => f.endsWith('-report.html')));
  }
});
after(async () => { await browser?.close(); });

/** Pages of a PDF: its page objects (Chromium writes one `/Type /Page` each). */
const pageCount = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

test('the demo report prints to a few A4 portrait pages', async () => {
  for (const lang of ['ru', 'en']) {
    const page = await browser.newPage();
    await page.goto(`file://${reports[lang]}`);
    const pdf = await page.pdf({ preferCSSPageSize: true, path: join(ARTIFACTS, `report-${lang}.pdf`) });
    const pages = pageCount(pdf);
    console.log(`report ${lang}: ${pages} A4 pages`);
    assert.ok(pages >= 3 && pages <= MAX_PAGES, `${lang}: ${pages} pages`);
    // A4 portrait: 595 x 842 points.
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    await page.close();
  }
});

test('page one says what matters in words, with money', async () => {
  const page = await browser.newPage();
  await page.goto(`file://${reports.ru}`);
  const first = await page.$eval('#summary', (s) => ({
    lead: s.querySelector('.lead').textContent,
    tiles: [...s.querySelectorAll('.tiles dd')].map((d) => d.textContent),
    findings: [...s.querySelectorAll('#findings li')].map((l) => l.textContent),
    steps: s.querySelectorAll('#first-steps li').length,
  }));
  // 4 436 808 181,15 in the file: whole rubles to read, with the currency the demo names.
  assert.equal(first.lead, '2\u00a0000 клиентов купили на 4\u00a0436\u00a0808\u00a0181\u00a0₽ с 09.01.2023 по 31.12.2025.');
  assert.equal(first.tiles[0], '4,4\u00a0млрд\u00a0₽');
  assert.ok(first.findings.length >= 3 && first.findings.length <= 5, first.findings.join('\n'));
  assert.equal(first.steps, first.findings.length);
  // The leaving sentence says what leaving means (one sentence for the page's view and the report).
  assert.match(first.findings.join('\n'), /276 клиентов покупают заметно меньше или давно не покупали: под угрозой 270\u00a0131\u00a0592\u00a0₽ в год/);
  // The leaving list comes right after page one; its "what changed" is labelled facts.
  const facts = await page.$$eval('#leaving-list tbody tr:first-child ul.facts li', (l) => l.map((x) => x.textContent));
  assert.deepEqual(facts.slice(0, 3), ['выручка: −99\u00a0%', 'покупок: 8 → 1', 'средний чек: −91\u00a0%']);
  await page.close();
});

test('no number in the report breaks across lines at 390 and 1280 px', async () => {
  for (const lang of ['ru', 'en']) {
    for (const width of [390, 1280]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await page.goto(`file://${reports[lang]}`);
      const { count, split, bare } = await page.evaluate(() => {
        // Every figure is an inline span; one that wraps has more than one line box.
        const nodes = [...document.querySelectorAll('.n')];
        const split = nodes.filter((n) => n.getClientRects().length > 1).map((n) => n.textContent);
        // A number cell holds its figure in such a span.
        const bare = [...document.querySelectorAll('td.num')].filter((td) => td.textContent.trim() && !td.querySelector('.n')).map((td) => td.textContent);
        return { count: nodes.length, split, bare };
      });
      assert.deepEqual(bare, [], `${lang} ${width}: number cells without a span`);
      assert.ok(count > 200, `${lang} ${width}: ${count} numbers`);
      assert.deepEqual(split, [], `${lang} ${width}`);
      await page.close();
    }
  }
});
