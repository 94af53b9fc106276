// The embedding API (www/clientscope.js `analyze`) returns the Report's newer parts
// as the CLI does: the team, the headlines and findings, the sufficiency notes, the
// currency, the holdout check and the purchase chances. Figures checked against
// the CLI's report of the same bytes and against what they must add up to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, cli } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const dir = mkdtempSync(join(tmpdir(), 'clientscope-embed-'));

/** analyze(bytes, options) in the page, as an embedding site calls it; with
 *  `{words: lang}` the Report's words(report, {lang}) instead. */
async function embedded(bytes, options, { words } = {}) {
  const { page, errors } = await openPage(env.browser, env.url);
  await page.waitForSelector('body[data-ready=true]');
  const report = await page.evaluate(async ([b64, opts, lang]) => {
    const m = await import('./www/clientscope.js');
    const r = await m.analyze(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)), opts);
    return lang ? m.words(r, { lang }) : r;
  }, [Buffer.from(bytes).toString('base64'), options, words]);
  assert.deepEqual(errors, []);
  await page.context().close();
  return report;
}

const units = (m) => { const [a, b = ''] = m.replace('-', '').split('.'); return (m.startsWith('-') ? -1n : 1n) * BigInt(a + b.padEnd(4, '0')); };

test('the demo through analyze(): team, headlines, findings, currency, holdout and purchase chances as the CLI has them', async () => {
  const csv = join(dir, 'demo.csv');
  cli(['demo', '--out', csv]);
  const want = JSON.parse(cli(['analyze', csv, '--json', '--lang', 'ru']));
  const r = await embedded(readFileSync(csv), { lang: 'ru' });
  for (const key of ['team', 'headlines', 'findings', 'sufficiency', 'settings', 'btyd']) assert.deepEqual(r[key], want[key], key);
  assert.deepEqual(r.clients.map((c) => c.p_buy), want.clients.map((c) => c.p_buy));
  // The currency the demo's amount column names (руб.).
  assert.equal(r.settings.currency, 'RUB');
  // Every client is in one manager's portfolio: the portfolios add up to the totals.
  assert.ok(r.team.has_managers && r.team.managers.length > 1);
  assert.equal(r.team.managers.reduce((n, p) => n + p.clients, 0), r.totals.clients);
  // ... and their window revenue to the clients' window revenue, exactly.
  assert.equal(r.team.managers.reduce((s, p) => s + units(p.revenue), 0n), r.clients.reduce((s, c) => s + units(c.window_revenue), 0n));
  // The leaving headline carries the leaving list's count and money, and the first
  // finding is the one with the most money; findings come largest first.
  const head = r.headlines.find((h) => h.section === 'leaving');
  assert.equal(head.figures.n.count, r.leaving.clients);
  assert.equal(units(head.figures.money.money), units(r.leaving.at_stake));
  assert.ok(r.findings.length >= 1 && r.findings.length <= 5);
  const money = r.findings.map((f) => units(f.money));
  assert.deepEqual(money, [...money].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  // Three years of data: nothing falls short.
  assert.deepEqual(r.sufficiency, []);
  // The holdout check picked the model the per-client figures come from.
  assert.equal(r.btyd.holdout.chosen, r.btyd.model);
  assert.ok(r.btyd.holdout.models.length >= 1);
  // A chance of a purchase within 30, 60 and 90 days never falls as the horizon grows.
  const chances = r.clients.filter((c) => c.p_buy);
  assert.ok(chances.length > 0);
  for (const c of chances) {
    const [a, b, d] = c.p_buy;
    assert.ok(a >= 0 && a <= b + 1e-12 && b <= d + 1e-12 && d <= 1, `${c.id}: ${c.p_buy}`);
  }
});

test('five days of data through analyze(): the sufficiency notes say what the file cannot show', async () => {
  // The core's own hand fixture (sufficiency.rs): five days, three clients.
  const csv = 'Дата;Клиент;Сумма\n01.03.2025;А;100\n02.03.2025;Б;50\n03.03.2025;А;70\n05.03.2025;В;20\n';
  const path = join(dir, 'five-days.csv');
  writeFileSync(path, csv);
  const r = await embedded(Buffer.from(csv), { lang: 'en' });
  assert.deepEqual(r.sufficiency, JSON.parse(cli(['analyze', path, '--json', '--lang', 'en'])).sufficiency);
  assert.deepEqual(r.sufficiency.map((s) => [s.analysis, s.need, s.minimum, s.have]), [
    ['leaving', 'periods', 15, 1],
    ['leakage', 'span_days', 730, 5],
    ['xyz', 'periods', 3, 1],
    ['cohorts', 'periods', 3, 1],
    ['concentration', 'clients', 5, 3],
    ['rfm', 'span_days', 90, 5],
    ['btyd', 'span_days', 90, 5],
  ]);
  assert.equal(r.settings.currency, null);
  // One manager-less portfolio: the file has no manager column.
  assert.equal(r.team.has_managers, false);
});

test('words(): the headlines, findings and sufficiency notes in the language, as the HTML report writes them', async () => {
  const csv = join(dir, 'demo-words.csv');
  cli(['demo', '--out', csv]);
  const out = mkdtempSync(join(tmpdir(), 'clientscope-embed-out-'));
  cli(['analyze', csv, '--out', out, '--lang', 'ru']);
  const html = readFileSync(join(out, readdirSync(out).find((f) => f.endsWith('-report.html'))), 'utf8');
  const plain = (s) => s.replace(/<[^>]+>/g, '').replace(/&nbsp;/g, '\u00a0').replace(/&quot;/g, '"').replace(/&laquo;|&raquo;/g, '').replace(/&amp;/g, '&');
  const w = await embedded(readFileSync(csv), { lang: 'ru' }, { words: 'ru' });
  assert.ok(w.headlines.length >= 5 && w.findings.length >= 1, JSON.stringify(w).slice(0, 200));
  for (const x of [...w.headlines.map((h) => h.text), ...w.findings.flatMap((f) => [f.text, f.action])]) {
    // Every figure filled in, in Russian: no placeholder, no raw sum (4436808181.15), no ISO date.
    assert.doesNotMatch(x, /[{}]|\d{4,}\.\d{2}\b|\d{4}-\d\d-\d\d/, x);
  }
  // The findings and what to do first read as the report's first page has them.
  for (const f of w.findings) {
    assert.ok(plain(html).includes(f.text), `finding not in the report: ${f.text}`);
    assert.ok(plain(html).includes(f.action), `action not in the report: ${f.action}`);
  }
  // Money in the file's currency (руб.): the ruble sign.
  assert.match(w.findings[0].text, /₽/);
  // Five days of data: each shortfall as one sentence, in English here.
  const five = 'Дата;Клиент;Сумма\n01.03.2025;А;100\n02.03.2025;Б;50\n03.03.2025;А;70\n05.03.2025;В;20\n';
  const thin = await embedded(Buffer.from(five), { lang: 'en' }, { words: 'en' });
  assert.equal(thin.sufficiency.length, 7);
  const summary = cli(['analyze', (writeFileSync(join(dir, 'five-words.csv'), five), join(dir, 'five-words.csv')), '--lang', 'en']);
  for (const s of thin.sufficiency) assert.ok(summary.includes(s.text), `${s.analysis}: "${s.text}" not in the CLI summary`);
});
