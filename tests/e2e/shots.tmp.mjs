// Temporary: screenshots of the views this branch touched (not committed).
import { setup, waitState, ROOT } from './helpers.mjs';
import { join } from 'node:path';
const env = await setup();
const SECTIONS = ['#leaving', '#matrix', '#pool', '#winbacks', '#onetime', '#concentration', '#quadrants', '#rfm', '#abcdx', '#xyz'];
for (const [file, tag] of [[null, 'demo'], ['tests/fixtures/abc_hand.csv', 'short']]) {
  for (const lang of ['ru', 'en']) for (const scheme of ['light', 'dark']) for (const width of [1280, 390]) {
    if (tag === 'short' && (scheme === 'dark' || width === 390)) continue;
    const context = await env.browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${env.url}index.html#lang=${lang}`);
    await page.waitForSelector('body[data-ready=true]');
    if (file) await page.setInputFiles('#file', join(ROOT, file)); else await page.click('#demo');
    await waitState(page, 'done');
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    for (const s of SECTIONS) {
      const el = await page.$(s);
      if (el) await el.screenshot({ path: `/tmp/h14shots/${tag}-${lang}-${scheme}-${width}-${s.slice(1)}.png` }).catch((e) => console.log(s, e.message));
    }
    await context.close();
  }
}
await env.close();
