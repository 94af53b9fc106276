// The core's charts in the page: every chart the HTML report inlines is shown, as an
// image that decodes, titled in the UI language, without a request; hostile names
// leave the SVG well-formed. Screenshots of each, light and dark, wide and on a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli, ARTIFACTS } from './helpers.mjs';

let env;
let tmp;
let demo;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'clientscope-charts-'));
  demo = join(tmp, 'demo.csv');
  cli(['demo', '--out', demo]);
});
after(async () => { await env.close(); });

/** name -> title of each chart in the CLI's HTML report for `file` in `lang`
 *  (and name -> the SVG itself in `svgs`). */
function reportCharts(file, lang, svgs = {}) {
  const out = join(tmp, `out-${lang}-${Math.random().toString(36).slice(2)}`);
  cli(['analyze', file, '--lang', lang, '--out', out]);
  const html = readFileSync(join(out, readdirSync(out).find((n) => n.endsWith('.html'))), 'utf8');
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const charts = {};
  for (const m of html.matchAll(/<figure class="chart" id="chart-([a-z-]+)"><svg[^>]*>\s*<title>([^<]*)<\/title>/g)) charts[m[1]] = unescape(m[2]);
  for (const m of html.matchAll(/<figure class="chart" id="chart-([a-z-]+)">(<svg[\s\S]*?<\/svg>)<\/figure>/g)) svgs[m[1]] = m[2];
  return charts;
}

async function open(source, { lang = 'en', width = 1280, colorScheme = 'light', bypassCSP = false } = {}) {
  const { page, context, errors } = await openPage(env.browser, env.url, { hash: `#lang=${lang}`, colorScheme, bypassCSP });
  if (width !== 1280) await page.setViewportSize({ width, height: 900 });
  await page.waitForSelector('body[data-ready=true]');
  // Loaded: from here on the page may make no request (blob: images are local).
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  if (source === 'demo') await page.click('#demo');
  else await page.setInputFiles('#file', source);
  assert.equal(await waitState(page, 'done'), 'done');
  await page.waitForSelector('body[data-charts=done]');
  return { page, context, errors, requests };
}

/** Every chart image in the page, shown or not: name, alt, and whether it decoded. */
const images = (page) => page.$$eval('figure.chart[data-chart]', async (figures) => Promise.all(figures.map(async (f) => {
  const img = f.querySelector('img');
  let decoded = false;
  if (img) {
    try { await img.decode(); decoded = img.naturalWidth > 0 && img.naturalHeight > 0; } catch { decoded = false; }
  }
  return { name: f.dataset.chart, alt: img?.alt ?? null, src: img?.src ?? '', decoded, hidden: f.hidden, width: img?.naturalWidth, height: img?.naturalHeight };
})));

test('every chart of the HTML report is shown in the page, decoded, titled in the UI language, with no request', async () => {
  for (const lang of ['ru', 'en']) {
    const expectedSvg = {};
    const expected = reportCharts(demo, lang, expectedSvg);
    // The demo has all eleven: a check that this test sees each of them.
    assert.deepEqual(Object.keys(expected).sort(), ['abc-xyz', 'cohorts', 'holdout-calibration', 'holdout-tracking', 'leakage', 'pareto', 'pool', 'quadrants', 'revenue-by-group', 'transitions', 'transitions-year']);
    // The page's matrix is itself a heatmap of buttons: the core's picture of it,
    // which the report needs, would repeat it beside it in a second colour scale.
    delete expected['abc-xyz'];
    const { page, context, errors, requests } = await open('demo', { lang });
    const shown = await images(page);
    assert.deepEqual(shown.map((x) => x.name).sort(), Object.keys(expected).sort(), 'one placeholder per chart');
    for (const x of shown) {
      assert.ok(x.decoded, `${x.name} decodes`);
      assert.match(x.src, /^blob:/, x.name);
      assert.equal(x.alt, expected[x.name], `${x.name} alt in ${lang}`);
    }
    // Shown: each has a size on the page (each transitions picture with its comparison).
    const visible = async (name) => {
      const box = await (await page.$(`figure[data-chart="${name}"] img`)).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, `${name} is visible: ${JSON.stringify(box)}`);
    };
    for (const name of Object.keys(expected)) if (name !== 'transitions-year') await visible(name);
    assert.equal(await page.isVisible('figure[data-chart=transitions-year] img'), false, 'one comparison at a time');
    await page.click('#transitions-year_ago');
    await visible('transitions-year');
    assert.equal(await page.isVisible('figure[data-chart=transitions] img'), false, 'one comparison at a time');
    // The SVG the page shows is the one the HTML report inlines, byte for byte (the
    // page cannot fetch its own blob: URLs, connect-src forbids it; the module API
    // gives the same worker's charts), at the size it was drawn.
    const page_svgs = await page.evaluate(async () => (await import('./www/clientscope.js')).charts());
    for (const c of page_svgs.filter((x) => x.name in expected)) {
      assert.equal(c.svg.trimEnd(), expectedSvg[c.name], c.name);
      const [w, h] = c.svg.match(/width="(\d+)" height="(\d+)"/).slice(1).map(Number);
      const x = shown.find((y) => y.name === c.name);
      assert.deepEqual([x.width, x.height], [w, h], `${c.name} natural size`);
    }
    assert.deepEqual(requests.filter((u) => !u.startsWith('blob:')), [], 'no network request while the charts are shown');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('a language switch redraws the charts in the new language and lets the old images go', async () => {
  const en = reportCharts(demo, 'en');
  const uk = reportCharts(demo, 'uk');
  const { page, context } = await open('demo');
  const before = await images(page);
  await page.evaluate(() => { document.body.dataset.charts = 'waiting'; });
  await page.selectOption('#lang', 'uk');
  await page.waitForSelector('body[data-charts=done]');
  const after = await images(page);
  for (const x of after) assert.equal(x.alt, uk[x.name], x.name);
  assert.notDeepEqual(after.map((x) => x.alt), before.map((x) => x.alt));
  assert.equal(before.find((x) => x.name === 'pool').alt, en.pool);
  // The previous language's images are revoked: nothing keeps their SVG alive
  // (an image of a revoked URL fails to load; one of a live URL loads).
  const loads = (src) => page.evaluate((u) => { const i = new Image(); i.src = u; return i.decode().then(() => true, () => false); }, src);
  assert.equal(await loads(after[0].src), true, 'the current image loads');
  assert.equal(await loads(before[0].src), false, 'the old blob URL is revoked');
  await context.close();
});

test('hostile client and product names leave every chart a well-formed image', async () => {
  const evil = ['<img src=x onerror="window.__pwned=1">', '"><script>window.__pwned=2</script>', '=HYPERLINK("http://x")', '&amp;<b>'];
  const rows = ['date;client;amount;product;manager'];
  for (let m = 1; m <= 14; m++) {
    for (let k = 0; k < 40; k++) {
      const name = k < evil.length ? evil[k] : `Client ${k}`;
      if (k % 7 === 3 && m > 9) continue; // some leave, so pool and transitions move
      rows.push(`2025-${String(((m - 1) % 12) + 1).padStart(2, '0')}-${String(1 + (k % 27)).padStart(2, '0')};"${name.replace(/"/g, '""')}";${100 + k * (m % 3 + 1)};"${evil[k % evil.length].replace(/"/g, '""')}";"${evil[(k + 1) % evil.length].replace(/"/g, '""')}"`.replace('2025-', m > 12 ? '2026-' : '2025-'));
    }
  }
  const file = join(tmp, 'hostile.csv');
  writeFileSync(file, rows.join('\n'));
  const expected = reportCharts(file, 'en');
  assert.ok(Object.keys(expected).length >= 6, `charts: ${Object.keys(expected)}`);
  delete expected['abc-xyz']; // in the report only: the page's matrix is its own heatmap
  const { page, context, errors, requests } = await open(file);
  const shown = (await images(page)).filter((x) => !x.hidden);
  assert.deepEqual(shown.map((x) => x.name).sort(), Object.keys(expected).sort());
  // An SVG with an unescaped name would not parse, and would not decode.
  for (const x of shown) assert.ok(x.decoded, `${x.name} decodes`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('blob:')), []);
  await context.close();
});

test('screenshots of the charts, light and dark, wide and at 390 px', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      const { page, context } = await open('demo', { lang: 'ru', colorScheme, width });
      await page.click('#cohorts-table summary');
      for (const id of ['matrix', 'concentration', 'quadrants', 'trends', 'pool', 'transitions']) {
        await (await page.$(`#${id}`)).screenshot({ path: join(ARTIFACTS, `chart-${id}-ru-${colorScheme}-${width}.png`) });
      }
      // The page itself never scrolls sideways: charts shrink to the column.
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, `${colorScheme} ${width}`);
      await context.close();
    }
  }
});

test('on a phone the charts are drawn for its width: their text reads at 11 px or more and stays inside the drawing', async () => {
  for (const lang of ['ru', 'uk', 'en']) {
    // The test reads each image's SVG back through its blob: URL, which the page's CSP
    // (connect-src 'self') rightly refuses to fetch: this context sets the CSP aside.
    const { page, context } = await open('demo', { lang, width: 390, bypassCSP: true });
    // Each chart's smallest text as shown (its font size times the image's scale), and
    // any text the browser lays out past the drawing's edges (a title cut on the right):
    // measured on the same SVG placed in the page, at its own size.
    const measure = () => page.$$eval('figure.chart:not([hidden]) img', (imgs) => Promise.all(imgs.filter((img) => img.getBoundingClientRect().width > 0).map(async (img) => {
      const svg = await (await fetch(img.src)).text();
      const box = document.createElement('div');
      box.innerHTML = svg;
      document.body.append(box);
      const root = box.querySelector('svg');
      const frame = root.getBoundingClientRect();
      const outside = [...root.querySelectorAll('text')].filter((t) => {
        const r = t.getBoundingClientRect();
        return r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5;
      }).map((t) => t.textContent.trim());
      box.remove();
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      const scale = img.getBoundingClientRect().width / img.naturalWidth;
      const figure = img.closest('figure');
      return { name: figure.dataset.chart, natural: img.naturalWidth, px: Math.min(...sizes) * scale, outside, scrolls: figure.classList.contains('scrolls') };
    })));
    const small = await measure();
    // The year-ago moves grid is shown once its comparison is picked (the flows hide).
    await page.click('#transitions-year_ago');
    small.push(...(await measure()).filter((c) => !small.some((x) => x.name === c.name)));
    assert.ok(small.length >= 9, `${small.length} charts`);
    for (const c of small) assert.deepEqual(c.outside, [], `${lang} ${c.name}: text past the edge`);
    // The matrix fits its figures to its cells; every other chart, the cohort grid
    // included (it shows the first periods), keeps every label at 11 px or more.
    for (const c of small.filter((x) => x.name !== 'abc-xyz')) {
      // The 10 x 10 moves grid is read at its own size, scrolling sideways in its box.
      if (c.name === 'transitions-year') assert.ok(c.scrolls, `${lang}: the moves grid scrolls in its box`);
      else assert.ok(c.natural <= 480, `${lang} ${c.name}: drawn ${c.natural} px wide for a phone`);
      assert.ok(c.px >= 10.9, `${lang} ${c.name}: the smallest text shows at ${c.px.toFixed(1)} px`);
    }
    assert.ok(small.some((c) => c.name === 'cohorts') && small.some((c) => c.name === 'transitions-year'), small.map((c) => c.name).join());
    // The page itself never scrolls sideways.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, lang);
    await context.close();
  }
});

test('on a 1280 px screen the paired charts are shown at their full size: no text under 11 px', async () => {
  for (const lang of ['ru', 'en']) {
    const { page, context } = await open('demo', { lang, width: 1280, bypassCSP: true });
    const shown = await page.$$eval('.charts-pair figure.chart:not([hidden]) img', (imgs) => Promise.all(imgs.map(async (img) => {
      const svg = await (await fetch(img.src)).text();
      const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
      const scale = img.getBoundingClientRect().width / img.naturalWidth;
      return { name: img.closest('figure').dataset.chart, px: Math.min(...sizes) * scale };
    })));
    // The forecast check's two charts and the revenue and cohort charts.
    assert.ok(shown.length >= 4, `${lang}: ${shown.length} paired charts`);
    for (const c of shown) assert.ok(c.px >= 10.9, `${lang} ${c.name}: the smallest text shows at ${c.px.toFixed(1)} px`);
    await context.close();
  }
});

test('the figures behind the revenue and cohort charts: the report exactly, and the groups add up to each period', async () => {
  const r = JSON.parse(cli(['analyze', demo, '--json']));
  const { page, context } = await open('demo');
  await page.click('#revenue-by-group-table summary');
  await page.click('#cohorts-table summary');
  const rows = (id) => page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => [c.textContent, c.title])));
  // The demo's amount column says руб., so money carries the ruble sign.
  const plain = (s) => s.replace(/,/g, '').replace('₽', '');
  const revenue = await rows('revenue-by-group-table');
  assert.equal(revenue.length, r.revenue_by_class.periods.length);
  revenue.forEach((cells, i) => {
    const p = r.revenue_by_class.periods[i];
    // Sums from 10 000 on read in whole units; the cell's title keeps the exact figure.
    const [a, b, c, total] = cells.slice(1).map(([t, title]) => plain(title || t));
    assert.deepEqual([a, b, c, total], [p.revenue.A, p.revenue.B, p.revenue.C, p.total], p.period_start);
    // Exact: the three groups make the period's total to the cent.
    const cents = (s) => BigInt(s.replace('.', ''));
    assert.equal(cents(a) + cents(b) + cents(c), cents(total), p.period_start);
  });
  const cohorts = await rows('cohorts-table');
  assert.equal(cohorts.length, r.cohorts.cohorts.length);
  cohorts.forEach((cells, i) => {
    const c = r.cohorts.cohorts[i];
    assert.equal(Number(plain(cells[1][0])), c.clients);
    c.active.forEach((n, k) => {
      assert.equal(Number(plain(cells[2 + k][1])), n, `${c.period_start} +${k}`);
      // The share rule (format.rs share): whole percents from 10 % to 99 %, one decimal
      // outside; so a whole figure is within 0.5 of the share, a decimal one within 0.05.
      const shown = cells[2 + k][0];
      const within = /[.,]\d/.test(shown) ? 0.05 : 0.5;
      assert.ok(Math.abs(parseFloat(shown) - c.share[k] * 100) <= within, `${c.period_start} +${k}: ${shown}`);
    });
  });
  await context.close();
});
