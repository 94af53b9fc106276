// A consultant's link: the preset (who prepared it, how to reach them) is shown in
// the page as text, edited in the settings, and kept in the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the preset from a link is shown as text, edited, and written back to the link', async () => {
  const hostile = '<img src=x onerror="window.pwned=1">Anna';
  const hash = `#lang=en&by=${encodeURIComponent(hostile)}&contact=${encodeURIComponent('+7 900 000-00-00')}`;
  const { page, errors } = await openPage(env.browser, env.url, { hash });
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(await page.textContent('#preset'), `Prepared by ${hostile} · +7 900 000-00-00`);
  assert.equal(await page.$$eval('#preset *', (n) => n.length), 0);
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.inputValue('#preset-by'), hostile);
  await page.fill('#preset-by', 'Ivan Consulting');
  await page.press('#preset-by', 'Enter');
  await page.fill('#preset-contact', '');
  await page.press('#preset-contact', 'Enter');
  await page.locator('#preset-contact').blur();
  await page.waitForFunction(() => document.querySelector('#preset').textContent === 'Prepared by Ivan Consulting');
  const params = new URLSearchParams(new URL(page.url()).hash.slice(1));
  assert.equal(params.get('by'), 'Ivan Consulting');
  assert.equal(params.has('contact'), false);
  await page.fill('#preset-by', '');
  await page.locator('#preset-by').blur();
  await page.waitForFunction(() => document.querySelector('#preset').hidden);
  assert.deepEqual(errors, []);
  await page.context().close();
});
