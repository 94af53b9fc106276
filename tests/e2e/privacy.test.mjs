// Contract 6, no egress: once the page is ready, nothing it does makes a request.
// And the page works inside a frame of another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, ROOT, openSettings, rowsReady } from './helpers.mjs';
import { startServer } from '../../scripts/serve.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the request log sees the worker and the wasm while the page loads', async () => {
  // Without this, "no request" below could be a listener that sees nothing.
  const context = await env.browser.newContext();
  const seen = [];
  context.on('request', (r) => seen.push(new URL(r.url()).pathname));
  const page = await context.newPage();
  await page.goto(`${env.url}index.html`);
  await page.waitForSelector('body[data-ready=true]');
  for (const path of ['/index.html', '/www/app.js', '/www/worker.js', '/www/pkg/clientscope.js', '/www/pkg/clientscope_bg.wasm']) {
    assert.ok(seen.includes(path), `${path} not in ${seen}`);
  }
  // The page's files, the service worker and what it caches for offline use.
  assert.ok(seen.every((p) => ['/', '/index.html', '/sw.js'].includes(p) || p.startsWith('/www/')), `${seen}`);
  await context.close();
});

test('no request after load while files are analyzed, settings change and the demo runs', async () => {
  const { context, page } = await openPage(env.browser, env.url);
  await page.waitForSelector('body[data-ready=true]');
  const requests = [];
  // The context sees the page's and its workers' requests; the page listener is a
  // second witness for the page's own.
  context.on('request', (r) => requests.push(r.url()));
  page.on('request', (r) => requests.push(r.url()));
  page.on('websocket', (ws) => requests.push(ws.url()));
  await page.setInputFiles('#file', join(ROOT, 'tests/fixtures/abc_hand.csv'));
  assert.equal(await waitState(page, 'done'), 'done');
  const settle = async (action) => {
    await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
    await action();
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  };
  await openSettings(page); // folded away when the results came
  await settle(() => page.selectOption('#abc-preset', '50,80'));
  await settle(() => page.click('#demo'));
  await settle(() => page.selectOption('#lang', 'ru'));
  // The segmentation views: a matrix cell, the ABC dimension, a setting in the panel.
  await page.click('#matrix [data-cell=AX]');
  await rowsReady(page);
  await settle(() => page.selectOption('#abc-dimension', 'product'));
  await openSettings(page);
  await page.click('#seg-details summary');
  await page.fill('#set-d_min_days', '60');
  await settle(() => page.press('#set-d_min_days', 'Tab'));
  await page.fill('#client-search', 'ООО');
  await rowsReady(page);
  // Waited for as the others: the state is still "done" from the demo until it runs.
  await settle(() => page.setInputFiles('#file', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('x;y\n1;2\n') }));
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'error');
  // The core's charts are shown from blob: URLs the page made itself: local, not
  // network (and charts.test.mjs checks each is one of them).
  const origin = new URL(env.url).origin;
  assert.deepEqual(requests.filter((u) => !u.startsWith(`blob:${origin}/`)), []);
  assert.ok(requests.length > 0, 'the chart images are seen, so the listener works');
  // The policy that says so to the browser.
  const csp = await page.$eval('meta[http-equiv=Content-Security-Policy]', (m) => m.content);
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /connect-src 'self'/);
  assert.match(csp, /form-action 'none'/);
  await context.close();
});

test('embedded in an iframe of another origin, the page works', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientscope-host-'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Host</title><h1>Landing</h1>
<iframe id="app" src="${env.url}index.html#lang=en" width="1200" height="900"></iframe>`);
  const host = await startServer({ port: 0, root: dir });
  try {
    const page = await (await env.browser.newContext()).newPage();
    await page.goto(`${host.url}index.html`);
    const frame = page.frameLocator('#app');
    await frame.locator('body[data-ready=true]').waitFor();
    await frame.locator('#demo').click();
    await frame.locator('body[data-state=done]').waitFor({ timeout: 60_000 });
    assert.match(await frame.locator('#total-clients .value').textContent(), /\d/);
    await page.context().close();
  } finally {
    await host.close();
  }
});
