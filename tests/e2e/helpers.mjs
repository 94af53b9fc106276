// Shared set-up of the browser tests: the static server on a free port and Debian's
// Chromium driven by playwright-core (its own browser download does not work here).
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = resolve(ROOT, 'tests/e2e/artifacts');
export const CLI = process.env.CLIENTSCOPE_CLI ?? resolve(ROOT, 'target/release/clientscope');
mkdirSync(ARTIFACTS, { recursive: true });

const CHROMIUM = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync);

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Quiet Chromium's own background traffic: the machine has no network, and the
    // no-egress test must see only what the page does.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-extensions'],
  });
}

/** Server + browser for one test file; `close()` stops both. */
export async function setup() {
  const server = await startServer({ port: 0, root: ROOT });
  const browser = await launch();
  return { server, browser, url: server.url, close: async () => { await browser.close(); await server.close(); } };
}

export async function openPage(browser, url, { locale = 'en-US', colorScheme = 'light', hash = '', bypassCSP = false } = {}) {
  // bypassCSP: only for a test that reads the page's own blob: URLs (connect-src 'self').
  const context = await browser.newContext({ locale, colorScheme, bypassCSP, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${url}index.html${hash}`);
  return { context, page, errors };
}

export async function waitState(page, state, timeout = 60_000) {
  await page.waitForFunction((s) => ['done', 'error'].includes(document.body.dataset.state) || document.body.dataset.state === s,
    state, { timeout });
  return page.evaluate(() => document.body.dataset.state);
}

/** Waits until the rows the page asked the worker for (client table, lists) are
 *  drawn: after a click that sorts, filters or pages a list of clients. */
export async function rowsReady(page, timeout = 60_000) {
  await page.waitForFunction(() => document.body.dataset.rows !== 'loading', null, { timeout });
}

export function cli(args, opts = {}) {
  return execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
}

/** Elements under `scope` (a selector) that only markup from data could have made:
 *  <img> and <b>, less the core's chart images (blob: SVGs in their figures). */
export function strayMarkup(page, scope) {
  const sel = scope.split(',').flatMap((s) => [`${s.trim()} img`, `${s.trim()} b`]).join(', ');
  return page.$$eval(sel, (n) => n.filter((x) => !x.matches('figure.chart > img[src^="blob:"]')).length);
}

/** The settings card folds away once results are shown; a user reopens it with one
 *  click on its summary, as this does (when it is closed). */
export async function openSettings(page) {
  if (!(await page.$eval('#settings', (d) => d.open))) await page.click('#settings > summary');
}

/**
 * A Report's money string ("270131592.3400") as the page reads it in en-US, written
 * here by hand from the rule (format.rs WHOLE_FROM): whole units from 10 000 on,
 * rounded half away from zero, cents below (none for a whole number), `sign` before.
 */
export function readMoney(s, sign = '') {
  const [, neg, int, frac = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  const units = BigInt(int + frac.padEnd(4, '0').slice(0, 4));
  const cents = (units + 50n) / 100n;
  const group = (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  let text;
  if (cents >= 1_000_000n) text = group(String((units + 5_000n) / 10_000n));
  else if (!frac) text = group(int);
  else text = `${group(String(cents / 100n))}.${String(cents % 100n).padStart(2, '0')}`;
  return `${neg && /[1-9]/.test(text) ? '−' : ''}${sign}${text}`;
}
