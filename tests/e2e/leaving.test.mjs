// The first answer: who is leaving, with names, figures and money at stake, equal to
// the CLI's report for the same file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli, readMoney, rowsReady } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

test('the demo opens on the leaving clients: list, leakage and lost revenue as the CLI reports them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientscope-leaving-'));
  const csv = join(dir, 'demo.csv');
  cli(['demo', '--out', csv]);
  const r = JSON.parse(cli(['analyze', csv, '--json', '--lang', 'en']));
  const { page, errors } = await openPage(env.browser, env.url, { hash: '#lang=en' });
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#demo');
  assert.equal(await waitState(page, 'done'), 'done');
  // The leaving card is the first thing in the results.
  assert.equal(await page.$eval('#results > section', (s) => s.id), 'leaving');
  const lead = await page.textContent('#leaving-lead');
  assert.ok(lead.startsWith(`${r.leaving.clients.toLocaleString('en')} clients buy much less`), lead);
  const rows = await page.$$eval('#leaving-list tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, Math.min(20, r.leaving.list.length));
  assert.deepEqual(rows.map((row) => row[0]), r.leaving.list.slice(0, 20).map((x) => x.id));
  // Money at stake as the report has it, largest first, with the ruble sign the
  // demo's amount column names (settings.currency).
  const first = r.leaving.list[0];
  assert.equal(r.settings.currency, 'RUB');
  // Whole rubles from 10 000 on, the page's one rounding rule (format.rs WHOLE_FROM);
  // the exact figure is the cell's title.
  assert.equal(rows[0][2], readMoney(first.at_stake, '₽'));
  assert.equal(await page.getAttribute('#leaving-list tbody tr td:nth-child(3)', 'title') ?? rows[0][2],
    `₽${Number(first.at_stake).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 4 })}`);
  // One sentence says the count and the money (the core's headline, as in the report
  // and the CLI), not a second one beside it.
  assert.equal(await page.$$eval('#leaving .headline', (n) => n.length), 0);
  assert.ok(lead.includes(readMoney(r.leaving.at_stake, '₽')), lead);
  assert.ok(rows.every((row) => row[1].length > 0), 'every leaving client says what changed');
  // The one share rule (format.rs share): whole percents from 10 % to 99 %, one decimal outside.
  const rate = r.leakage.rate * 100;
  const shownRate = rate >= 9.95 && rate < 99.5 ? `${Math.round(rate)}%` : `${rate.toFixed(1)}%`;
  assert.ok((await page.textContent('#leakage-rate')).includes(shownRate), shownRate);
  // The model line: the fitted parameters and the mean dropout a / (a + b) beside them.
  const model = await page.textContent('#btyd');
  const drop = (r.btyd.a / (r.btyd.a + r.btyd.b)).toLocaleString('en', { style: 'percent', maximumSignificantDigits: 2 });
  assert.ok(model.includes(`r = ${r.btyd.r.toLocaleString('en', { maximumSignificantDigits: 4 })}`) && model.includes(`probability ${drop} `), model);
  assert.deepEqual(errors, []);
  await page.context().close();
  // The call list downloads whole: a line per leaving client, in the same order.
  const out = join(dir, 'out');
  cli(['analyze', csv, '--out', out]);
  const file = readdirSync(out).find((f) => f.endsWith('-leaving.csv'));
  const lines = readFileSync(join(out, file), 'utf8').trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + r.leaving.list.length);
  // The CLI's language is English by default, so its CSV takes English Excel's ','.
  assert.ok(lines[1].startsWith(`${first.id.includes(',') ? `"${first.id}"` : first.id},`), lines[1]);
});

test('the lifecycle: one line of statuses as the report counts them, the notes on other counts, the table filtered by status', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientscope-lifecycle-'));
  const csv = join(dir, 'demo.csv');
  cli(['demo', '--out', csv]);
  for (const lang of ['en', 'ru']) {
    const r = JSON.parse(cli(['analyze', csv, '--json', '--lang', lang]));
    const { page, errors } = await openPage(env.browser, env.url, { hash: `#lang=${lang}` });
    await page.waitForSelector('body[data-ready=true]');
    await page.click('#demo');
    assert.equal(await waitState(page, 'done'), 'done');
    // Every status with clients, with the report's count, in the leaving and pool views.
    const shown = r.lifecycle.statuses.filter((s) => s.count > 0);
    for (const id of ['#leaving-lifecycle', '#pool-lifecycle']) {
      const buttons = await page.$$eval(`${id} button`, (bs) => bs.map((b) => [b.dataset.status, b.textContent]));
      assert.deepEqual(buttons.map(([s]) => s), shown.map((s) => s.status), id);
      for (const [k, [, text]] of buttons.entries()) assert.ok(text.endsWith(` ${shown[k].count.toLocaleString(lang)}`), text);
    }
    // The leakage note: its count and its clients by status, as the report has them.
    const leaked = r.lifecycle.notes.find((n) => n.figure === 'leakage_leaked');
    const note = await page.textContent('#pool-leakage-note');
    assert.ok(note.includes(leaked.count.toLocaleString(lang)), note);
    for (const n of Object.values(leaked.by_status)) assert.ok(note.includes(n.toLocaleString(lang)), note);
    assert.ok(await page.textContent('#transitions-note'));
    // A status in the line lists exactly its clients in the table.
    const leaving = r.lifecycle.statuses.find((s) => s.status === 'leaving');
    await page.click('#leaving-lifecycle button[data-status=leaving]');
    await rowsReady(page);
    assert.equal(await page.inputValue('#client-lifecycle'), 'leaving');
    const info = await page.textContent('#client-info');
    assert.ok(info.includes(leaving.count.toLocaleString(lang)), info);
    const cells = await page.$$eval('#clients tbody td.lifecycle', (tds) => tds.map((td) => td.className));
    assert.ok(cells.length > 0 && cells.every((c) => c.split(' ').includes('leaving')), cells.join());
    // No client on the list is called likely lost beside a P(alive) the model says is alive.
    for (const c of r.clients) {
      if (c.overdue?.level === 'likely_lost' && c.p_alive != null) assert.ok(c.p_alive < r.lifecycle.p_alive_lost, c.id);
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  }
});
