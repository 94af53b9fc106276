// After the first visit the app opens and analyzes with the network off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setup, openPage, waitState, ROOT } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the service worker caches every file of the app', () => {
  const listed = [...readFileSync(join(ROOT, 'sw.js'), 'utf8').match(/const SHELL = \[([^\]]*)\]/)[1].matchAll(/'([^']+)'/g)]
    .map((m) => m[1]);
  const walk = (dir) => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [relative(ROOT, join(dir, e.name))]));
  const wanted = walk(join(ROOT, 'www')).filter((f) => !f.startsWith('www/pkg/') || /(clientscope(_bg\.wasm|\.js)|texts\.js)$/.test(f));
  assert.deepEqual(listed.filter((f) => f.startsWith('www/')).sort(), wanted.sort());
  assert.ok(listed.includes('index.html') && listed.includes('./'));
});

for (const path of ['index.html', '']) {
  test(`opened once, /${path} reloads offline and analyzes a file and the demo`, async () => {
    const { context, page, errors } = await openPage(env.browser, env.url);
    await page.waitForSelector('body[data-ready=true]');
    await context.setOffline(true);
    // Offline for real: a file the app never cached cannot be fetched now.
    const reachable = await page.evaluate(() => fetch('/README.md').then(() => true, () => false));
    assert.equal(reachable, false);
    await page.goto(`${env.url}${path}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.setInputFiles('#file', join(ROOT, 'tests/fixtures/abc_hand.csv'));
    assert.equal(await waitState(page, 'done'), 'done');
    const before = await page.textContent('#results');
    await page.click('#demo');
    await page.waitForFunction((b) => document.body.dataset.state === 'done' && document.querySelector('#results').textContent !== b, before);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
