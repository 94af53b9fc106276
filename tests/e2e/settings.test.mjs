// One settings schema: every setting at each of its limits (min, max, each allowed
// value) goes through a config file into the CLI and through a link into the page,
// and both give the same Report. The configs are written by the core
// (`clientscope schema --limits`, tests/fixtures/settings_limits.json); the page
// reads the link with its own parsing (www/settings.js) and the Report comes from
// the embedding API with the options that parsing made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { setup, openPage, waitState, ROOT, CLI } from './helpers.mjs';
import { SETTINGS, DEFAULTS } from '../../www/settings-schema.js';

let env;
const tmp = mkdtempSync(join(tmpdir(), 'clientscope-settings-'));
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const FIXTURE = join(ROOT, 'tests/fixtures/segments_hand.csv');
const { configs } = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/settings_limits.json'), 'utf8'));
const at = (o, key) => key.split('.').reduce((v, k) => v?.[k], o);

/** The CLI with a config file: the Report, or the error it prints. */
function cliReport(config, i) {
  const path = join(tmp, `limits-${i}.json`);
  writeFileSync(path, JSON.stringify(config));
  try {
    return { report: JSON.parse(execFileSync(CLI, ['analyze', FIXTURE, '--json', '--config', path], { encoding: 'utf8', stdio: 'pipe', maxBuffer: 1 << 30 })) };
  } catch (e) {
    return { error: String(e.stderr).replace(/^Error: /, '').trim() };
  }
}

/** The link a person would write for this config: each setting that differs from
 *  its default, by its link name, lists joined by commas (groups by slashes). */
function linkOf(config) {
  const p = [];
  const text = (v) => (Array.isArray(v) ? v.map((x) => (Array.isArray(x) ? x.join(',') : x)).join(Array.isArray(v[0]) ? '/' : ',') : String(v));
  for (const d of SETTINGS) {
    const v = at(config, d.key);
    if (d.key === 'columns') {
      for (const [role, header] of Object.entries(v)) p.push(`col.${role}=${encodeURIComponent(header)}`);
    } else if (d.key === 'lang' || (v != null && JSON.stringify(v) !== JSON.stringify(at(DEFAULTS, d.key)))) {
      p.push(`${d.hash}=${encodeURIComponent(text(v))}`);
    }
  }
  return `#${p.join('&')}`;
}

test('every setting at its limits: a config file and a link give the same Report', async () => {
  assert.ok(configs.length >= 4, `${configs.length} configs`);
  const bytes = readFileSync(FIXTURE).toString('base64');
  let reports = 0;
  for (const [i, config] of configs.entries()) {
    const expected = cliReport(config, i);
    const hash = linkOf(config);
    const { page, errors } = await openPage(env.browser, env.url, { hash });
    await page.waitForSelector('body[data-ready=true]');
    // The page took every value of the link: nothing named as ignored.
    assert.equal(await page.evaluate(() => document.getElementById('notice').hidden), true, `${hash}: ${await page.textContent('#notice')}`);
    // The page analyses the file with what it read...
    await page.setInputFiles('#file', FIXTURE);
    const state = await waitState(page, 'done');
    assert.equal(state, expected.report ? 'done' : 'error', `${hash}: ${expected.error ?? ''}`);
    // ...and the same link, parsed again after the page rewrote it, gives the options
    // that go through the embedding API into the Report.
    const got = await page.evaluate(async (b64) => {
      const { readHash, toOptions } = await import('./www/settings.js');
      const m = await import('./www/clientscope.js');
      const { s, lang, bad } = readHash(location.hash);
      try {
        const report = await m.analyze(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), toOptions(s, lang));
        return { bad, report };
      } catch (e) {
        return { bad, error: e.message };
      }
    }, bytes);
    assert.deepEqual(got.bad, [], hash);
    if (expected.report) {
      assert.deepEqual(got.report, expected.report, `config ${i}: ${JSON.stringify(config).slice(0, 400)}`);
      // The Report says it ran with the limits asked for.
      for (const key of ['window', 'period', 'xyz_min_periods', 'compare_periods', 'btyd_periods', 'clv_months']) {
        assert.equal(at(got.report.settings, key), at(config, key), key);
      }
      reports += 1;
    } else {
      assert.equal(got.error, expected.error, hash);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  }
  // Each config analyses the fixture: no limit value makes the file unreadable.
  assert.equal(reports, configs.length);
});

test('the form and the panel take their limits and choices from the schema', async () => {
  const { page } = await openPage(env.browser, env.url, { hash: '#lang=en' });
  await page.waitForSelector('body[data-ready=true]');
  const window = SETTINGS.find((d) => d.key === 'window');
  assert.deepEqual(await page.$eval('#window', (e) => [e.min, e.max]), [String(window.min), String(window.max)]);
  const enc = SETTINGS.find((d) => d.key === 'encoding').offered;
  assert.deepEqual(await page.$$eval('#encoding option', (o) => o.map((x) => x.value)), ['', ...enc]);
  assert.deepEqual(await page.$$eval('#period option', (o) => o.map((x) => x.value)), SETTINGS.find((d) => d.key === 'period').values);
  const cr = SETTINGS.find((d) => d.key === 'compare_periods');
  assert.deepEqual(await page.$eval('#set-compare_periods', (e) => [e.min, e.max, e.step]), [String(cr.min), String(cr.max), '1']);
  assert.deepEqual(await page.$$eval('#set-compare option', (o) => o.map((x) => x.value)), SETTINGS.find((d) => d.key === 'compare').values);
  // A window past the core's limit is refused with the limit named; one at the limit goes.
  await page.fill('#window', String(window.max + 1));
  await page.press('#window', 'Tab');
  assert.equal(await page.textContent('#notice'), `Analysis window, periods (0 = all data): a whole number from 0 to ${window.max}. The previous value is kept: 12.`);
  await page.fill('#window', String(window.max));
  await page.press('#window', 'Tab');
  await page.waitForFunction((w) => location.hash.includes(`window=${w}`), window.max);
  // A dynamics setting from the panel: past its limit, refused and named in Russian.
  await page.selectOption('#lang', 'ru');
  await page.click('#seg-details summary');
  await page.fill('#set-buys_less_pct', '100');
  await page.press('#set-buys_less_pct', 'Tab');
  assert.equal(await page.textContent('#notice'), '«Покупает меньше»: выручка упала больше чем на, %: нужно 0 ≤ x < 100. Оставлено прежнее значение: 20.');
  await page.context().close();
});
