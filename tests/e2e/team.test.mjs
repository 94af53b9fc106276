// The team view: one row per manager as the CLI's report has them; a click on a
// manager narrows every view to that manager's clients (equal to the CLI's report
// with the same `manager` setting), the link carries it through a reload, the banner
// clears it; hostile manager names are text everywhere and round-trip through the link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli, strayMarkup, readMoney } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const dir = mkdtempSync(join(tmpdir(), 'clientscope-team-'));
const num = (n) => n.toLocaleString('en');

/** The CLI's report of a file, narrowed to `manager` when given. */
function report(csv, manager) {
  const args = ['analyze', csv, '--json', '--lang', 'en'];
  if (manager != null) {
    const config = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(config, JSON.stringify({ manager }));
    args.push('--config', config);
  }
  return JSON.parse(cli(args, { maxBuffer: 1 << 30 }));
}

/** What every view shows that depends on which clients are in: compared with a report. */
async function figures(page) {
  return page.evaluate(() => ({
    clients: document.querySelector('#total-clients .value').textContent,
    revenue: document.querySelector('#total-revenue .value').textContent,
    leaving: document.querySelector('#leaving-lead').textContent,
    cells: [...document.querySelectorAll('#matrix [data-cell] .count')].map((n) => n.textContent),
    winback: [...document.querySelectorAll('.winback-group > p.muted')].map((n) => n.textContent),
    onetime: document.querySelector('#onetime > p').textContent,
    table: document.querySelector('#client-info').textContent,
    managers: [...document.querySelectorAll('#team-managers tbody tr[data-name]')].map((tr) => tr.dataset.name),
  }));
}

function expectNarrowed(seen, r) {
  assert.equal(seen.clients, num(r.totals.clients));
  // The demo's amount column says руб.: the page writes money with the ruble sign.
  const sign = r.settings.currency === 'RUB' ? '₽' : '';
  // Whole units from 10 000 on (format.rs WHOLE_FROM), the exact sum in the title.
  assert.equal(seen.revenue, readMoney(r.totals.revenue, sign));
  assert.ok(seen.leaving.includes(num(r.leaving.clients)) || r.leaving.clients === 0, seen.leaving);
  assert.deepEqual(seen.cells, r.matrix.cells.map((c) => `Clients: ${num(c.count)}`));
  r.winback.groups.forEach((g, k) => assert.ok(seen.winback[k].includes(` ${num(g.count)} `) || seen.winback[k].includes(`${num(g.count)} `), seen.winback[k]));
  assert.ok(seen.onetime.includes(num(r.one_time_buyers.count)), seen.onetime);
  assert.ok(seen.table.endsWith(` ${num(r.totals.clients)}`) || seen.table.includes(`of ${num(r.totals.clients)}`), seen.table);
}

test('the demo: a row per manager, a click narrows every view, the link survives a reload, the banner clears it', async () => {
  const csv = join(dir, 'demo.csv');
  cli(['demo', '--out', csv]);
  const whole = report(csv);
  const { page, context, errors } = await openPage(env.browser, env.url, { hash: '#lang=en' });
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#demo');
  assert.equal(await waitState(page, 'done'), 'done');
  let seen = await figures(page);
  assert.deepEqual(seen.managers, whole.team.managers.map((p) => p.name ?? ''));
  // The reading of the first row, from the catalogue with the report's figures.
  const first = whole.team.managers[0];
  const reading = await page.textContent('#team-managers tbody tr.reading-row td.reading');
  assert.ok(reading.startsWith(`keeps ${Math.round(first.reading.kept * 100)}% of clients a year; `), reading);
  // Sorting by a column reorders the rows (money at stake, most first; a second click reverses).
  const units = (m) => { const [a, b = ''] = m.split('.'); return BigInt(a + b.padEnd(4, '0')); };
  const want = [...whole.team.managers].sort((a, b) => (units(b.at_stake) > units(a.at_stake) ? 1 : -1)).map((p) => p.name);
  await page.click('#team-managers th[data-key=at_stake] button');
  const byLeaving = await page.$$eval('#team-managers tbody tr[data-name]', (trs) => trs.map((tr) => tr.dataset.name));
  assert.deepEqual(byLeaving, want);
  await page.click('#team-managers th[data-key=at_stake] button');
  assert.deepEqual(await page.$$eval('#team-managers tbody tr[data-name]', (trs) => trs.map((tr) => tr.dataset.name)), [...want].reverse());
  await page.click('#team-managers th[data-key=at_stake] button');

  // A click on the manager with the most money at stake.
  const name = byLeaving[0];
  const narrowed = report(csv, name);
  await page.click(`#team-managers button.manager-pick[data-manager="${name}"]`);
  await page.waitForFunction(() => document.querySelector('#manager-filter') && document.body.dataset.state === 'done', null, { timeout: 60_000 });
  assert.match(decodeURIComponent(page.url().replace(/\+/g, ' ')), new RegExp(`manager=${name.replace(/\./g, '\\.')}`));
  seen = await figures(page);
  expectNarrowed(seen, narrowed);
  assert.deepEqual(seen.managers, [name]);
  assert.equal(await page.textContent('#manager-filter-text'), `Every view shows only the clients of the manager “${name}”.`);

  // The link opens the same narrowed view after a reload (the demo is loaded again).
  const link = page.url();
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  assert.equal(page.url(), link);
  await page.click('#demo');
  assert.equal(await waitState(page, 'done'), 'done');
  expectNarrowed(await figures(page), narrowed);

  // The banner's button brings every client back, and the link forgets the manager.
  await page.click('#manager-clear');
  await page.waitForFunction(() => !document.querySelector('#manager-filter') && document.body.dataset.state === 'done', null, { timeout: 60_000 });
  assert.ok(!page.url().includes('manager='), page.url());
  seen = await figures(page);
  assert.equal(seen.clients, num(whole.totals.clients));
  assert.equal(seen.managers.length, whole.team.managers.length);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile manager names are text in the view, the banner and the link, and narrow the report', async () => {
  const names = [
    '<img src=x onerror="window.__pwned=1"><b>bold</b>',
    '=HYPERLINK("http://example.com";"click")',
    'Ёлкина & Co #1 + 50% = «Ю» 😀',
    `Long ${'Я'.repeat(300)}`,
  ];
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  const lines = ['Date,Client,Amount,Manager'];
  names.forEach((m, k) => {
    for (let month = 1; month <= 6; month++) lines.push(`2025-0${month}-1${k},client ${k},${100 * (k + 1)},${q(m)}`);
  });
  const csv = join(dir, 'hostile.csv');
  writeFileSync(csv, `${lines.join('\n')}\n`);
  const whole = report(csv);
  const { page, context, errors } = await openPage(env.browser, env.url, { hash: '#lang=ru' });
  await page.waitForSelector('body[data-ready=true]');
  await page.setInputFiles('#file', csv);
  assert.equal(await waitState(page, 'done'), 'done');
  const shown = await page.$$eval('#team-managers tbody th', (ths) => ths.map((th) => th.textContent));
  assert.deepEqual([...shown].sort(), [...names].sort());
  assert.equal(await strayMarkup(page, '#results'), 0);
  for (const [k, m] of names.entries()) {
    await page.$$eval('#team-managers button.manager-pick', (bs, want) => bs.find((b) => b.dataset.manager === want).click(), m);
    await page.waitForFunction(() => document.querySelector('#manager-filter') && document.body.dataset.state === 'done', null, { timeout: 60_000 });
    assert.equal(await page.$eval('#manager-filter-text', (n) => n.textContent), `Все разделы показывают только клиентов менеджера «${m}».`);
    assert.equal(await page.textContent('#total-clients .value'), '1');
    assert.deepEqual(await page.$$eval('#team-managers tbody tr[data-name]', (trs) => trs.map((tr) => tr.dataset.name)), [m]);
    // The link holds the name exactly: a new page opened with it narrows the same file.
    const hash = new URL(page.url()).hash;
    assert.equal(new URLSearchParams(hash.slice(1)).get('manager'), m);
    const other = await openPage(env.browser, env.url, { hash });
    await other.page.waitForSelector('body[data-ready=true]');
    await other.page.setInputFiles('#file', csv);
    assert.equal(await waitState(other.page, 'done'), 'done');
    assert.equal(await other.page.textContent('#total-clients .value'), '1');
    assert.equal(await other.page.$eval('#manager-filter-text', (n) => n.textContent), `Все разделы показывают только клиентов менеджера «${m}».`);
    assert.equal(await strayMarkup(other.page, '#results'), 0);
    assert.deepEqual(other.errors, []);
    await other.context.close();
    assert.equal(report(csv, m).totals.clients, 1, `client ${k}`);
    await page.click('#manager-clear');
    await page.waitForFunction(() => !document.querySelector('#manager-filter') && document.body.dataset.state === 'done', null, { timeout: 60_000 });
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(whole.team.managers.length, names.length);

  // Their call lists: one sheet each, downloaded from the team card.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#team-calls')]);
  assert.ok(dl.suggestedFilename().endsWith('-calls.xlsx'), dl.suggestedFilename());
  assert.ok(readFileSync(await dl.path()).length > 1000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a file without a manager column says so in one line and opens the column panel', async () => {
  const csv = join(dir, 'plain.csv');
  writeFileSync(csv, 'date,client,amount\n2025-01-05,a,10\n2025-02-05,b,20\n');
  const { page, context, errors } = await openPage(env.browser, env.url, { hash: '#lang=en' });
  await page.waitForSelector('body[data-ready=true]');
  await page.setInputFiles('#file', csv);
  assert.equal(await waitState(page, 'done'), 'done');
  assert.match(await page.textContent('#team-absent'), /^The file has no manager column/);
  assert.equal(await page.$$eval('#team table', (t) => t.length), 0);
  await page.click('#team-columns');
  assert.equal(await page.$eval('#columns', (d) => d.open), true);
  assert.deepEqual(errors, []);
  await context.close();
});
