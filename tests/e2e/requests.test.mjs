// What the page fetches, counted by the server itself: each file once on the first
// visit (the worker loads no texts of its own, the service worker copies the
// browser's HTTP cache), text and wasm compressed, and nothing at all once the page
// is ready, through an analysis and its downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { launch, ROOT, waitState } from './helpers.mjs';

let server;
let browser;
const answered = [];
before(async () => {
  server = await startServer({ port: 0, root: ROOT, onRequest: (r) => answered.push(r) });
  browser = await launch();
});
after(async () => {
  await browser.close();
  await server.close();
});

const count = (list) => list.reduce((m, r) => m.set(r.path, (m.get(r.path) ?? 0) + 1), new Map());

test('first visit: each file fetched once, compressed, and no request after the page is ready', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${server.url}index.html`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  const atReady = answered.length;
  const loaded = answered.slice(0, atReady);
  const twice = [...count(loaded)].filter(([, n]) => n > 1);
  assert.deepEqual(twice, [], `fetched more than once: ${JSON.stringify(twice)}`);
  assert.ok(loaded.every((r) => r.status === 200), JSON.stringify(loaded.filter((r) => r.status !== 200)));
  // Everything the service worker keeps for offline use was among them, so its
  // copies came from what the page had loaded.
  const shell = [...readFileSync(join(ROOT, 'sw.js'), 'utf8').match(/const SHELL = \[([^\]]*)\]/)[1].matchAll(/'([^']+)'/g)]
    .map((m) => `/${m[1]}`).filter((p) => p !== '/./');
  const paths = new Set(loaded.map((r) => r.path));
  assert.deepEqual(shell.filter((p) => !paths.has(p)), []);
  // The wasm and the texts came compressed (brotli or gzip: Chromium offers brotli
  // over HTTPS and on some versions over plain HTTP too).
  for (const path of ['/www/pkg/clientscope_bg.wasm', '/www/pkg/texts.js', '/www/app.js']) {
    const r = loaded.find((x) => x.path === path);
    assert.ok(['br', 'gzip'].includes(r?.encoding), `${path}: ${JSON.stringify(r)}`);
  }
  // An analysis, its charts and a download: all from what is loaded.
  await page.click('#demo');
  assert.equal(await waitState(page, 'done'), 'done');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('[data-download=xlsx]')]);
  assert.ok(readFileSync(await dl.path()).subarray(0, 2).equals(Buffer.from('PK')));
  await page.waitForTimeout(500);
  assert.deepEqual(answered.slice(atReady), [], 'requests after the page was ready');
  assert.deepEqual(errors, []);
  await context.close();
});
