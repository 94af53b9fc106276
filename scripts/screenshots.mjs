// Screenshots of every view after the demo, to look at before a layout change is
// called done: ru and en, light and dark, 1280 and 390 px wide. Not a test: it
// writes PNGs (one per section, and the top of the page) and prints the page
// height and how far down the leaving list starts. Also the column panel a file
// with unknown headers opens.
//   make build && node scripts/screenshots.mjs [OUT_DIR]   (default /tmp/clientscope-shots)
// Needs Chromium at /usr/bin/chromium (make setup-browser).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup } from '../tests/e2e/helpers.mjs';

const out = process.argv[2] ?? '/tmp/clientscope-shots';
mkdirSync(out, { recursive: true });
const env = await setup();
try {
  for (const lang of ['ru', 'en']) {
    for (const scheme of ['light', 'dark']) {
      for (const width of [1280, 390]) {
        const context = await env.browser.newContext({ locale: lang, colorScheme: scheme, viewport: { width, height: width > 600 ? 900 : 844 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(`${env.url}index.html#lang=${lang}`);
        await page.waitForSelector('body[data-ready=true]');
        await page.click('#demo');
        await page.waitForFunction(() => document.body.dataset.state === 'done' && document.body.dataset.charts === 'done', null, { timeout: 120_000 });
        const tag = `${lang}-${scheme}-${width}`;
        await page.screenshot({ path: join(out, `${tag}-00-top.png`) });
        const ids = await page.$$eval('#results > section[id], #results > nav[id]', (n) => n.map((x) => x.id));
        let k = 1;
        // A tall section comes in parts of at most 1 200 px, legible when opened.
        for (const id of ids) {
          const box = await page.$eval(`#${id}`, (e) => { const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; });
          const name = `${tag}-${String(k++).padStart(2, '0')}-${id}`;
          for (let part = 0, y = box.y; y < box.y + box.height; part++, y += 1200) {
            const clip = { x: box.x, y, width: box.width, height: Math.min(1200, box.y + box.height - y) };
            await page.screenshot({ path: join(out, `${name}${part ? `-${part}` : ''}.png`), clip, fullPage: true });
          }
        }
        const m = await page.evaluate(() => ({
          height: document.documentElement.scrollHeight,
          results: Math.round(document.getElementById('results').getBoundingClientRect().top + scrollY),
          leaving: Math.round((document.getElementById('leaving-list') ?? document.getElementById('leaving')).getBoundingClientRect().top + scrollY),
          overflow: document.documentElement.scrollWidth > innerWidth,
        }));
        console.log(tag, JSON.stringify(m));
        await context.close();
      }
    }
  }
  // The missing-columns panel: a file whose headers name no role.
  const unknown = join(out, 'unknown-headers.csv');
  writeFileSync(unknown, 'Когда;Кто;Сколько\n01.03.2025;ООО Альфа;100,50\n02.03.2025;ООО Бета;200,00\n');
  for (const lang of ['ru', 'en']) {
    for (const width of [1280, 390]) {
      const context = await env.browser.newContext({ locale: lang, viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${env.url}index.html#lang=${lang}`);
      await page.waitForSelector('body[data-ready=true]');
      await page.setInputFiles('#file', unknown);
      await page.waitForFunction(() => document.body.dataset.state === 'error');
      await page.screenshot({ path: join(out, `${lang}-light-${width}-columns-panel.png`), fullPage: true });
      await context.close();
    }
  }
} finally {
  await env.close();
}
console.log(`screenshots in ${out}`);
