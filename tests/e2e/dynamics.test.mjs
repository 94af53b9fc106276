// Who moved where, the pool, whom to win back and the one-time buyers: every figure
// and every list in the page equals the CLI's report for the same file; the lists
// download as the CSV the list shows, without a request; names are text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli, strayMarkup, readMoney, ROOT, ARTIFACTS, rowsReady } from './helpers.mjs';
import { t } from '../../www/i18n.js';
import { pct as share } from '../../www/format.js';

const REASONS = join(ROOT, 'tests/fixtures/churn_reasons.csv');
let env;
let tmp;
let demo;
before(async () => {
  env = await setup();
  tmp = mkdtempSync(join(tmpdir(), 'clientscope-dynamics-'));
  demo = join(tmp, 'demo.csv');
  cli(['demo', '--out', demo]);
});
after(async () => { await env.close(); });

const report = (file, lang = 'en') => JSON.parse(cli(['analyze', file, '--json', '--lang', lang]));
const num = (text) => Number(text.replace(/[^\d.-]/g, ''));
// The demo's amount column says руб.: the page writes its money with the ruble sign.
// Whole rubles from 10 000 on (format.rs WHOLE_FROM: the page's one rounding rule).
const fmtMoney = (x) => readMoney(x, '₽');
// Shares by the one rule of format.rs `share` (format.js `pct`).
const pct1 = (p) => share(p, 'en');

async function open(source, { lang = 'en', width = 1280, colorScheme = 'light' } = {}) {
  const { page, context, errors } = await openPage(env.browser, env.url, { hash: `#lang=${lang}`, colorScheme });
  if (width !== 1280) await page.setViewportSize({ width, height: 900 });
  await page.waitForSelector('body[data-ready=true]');
  if (source === 'demo') await page.click('#demo');
  else await page.setInputFiles('#file', source);
  assert.equal(await waitState(page, 'done'), 'done');
  return { page, context, errors };
}

/** Every row of a paged table (first column texts by default), page after page. */
async function pagedRows(page, id, cells = false) {
  const out = [];
  for (;;) {
    out.push(...await page.$$eval(`#${id} tbody tr`, (trs, all) => trs.map((tr) => (all ? [...tr.cells].map((c) => c.textContent) : tr.cells[0].textContent)), cells));
    const next = await page.$(`#${id} button.next`);
    if (!next || await next.isDisabled()) return out;
    await next.click();
    await rowsReady(page);
  }
}

/** The transition matrix as the page shows it: [from, to, count]. */
const matrixCells = (page) => page.$$eval('#transitions-matrix button.tcell', (bs) => bs.map((b) => [b.dataset.from, b.dataset.to, b.textContent]));

test('the transition matrices equal the report, and a click lists exactly those clients', async () => {
  const r = report(demo);
  const { page, context, errors } = await open('demo');
  for (const which of ['previous', 'year_ago']) {
    const field = which === 'previous' ? 'cell_previous' : 'cell_year_ago';
    const t = r.transitions[which];
    await page.click(`#transitions-${which}`);
    await rowsReady(page);
    assert.deepEqual(await matrixCells(page), t.moves.map((m) => [m.from, m.to, m.count.toLocaleString('en')]), which);
    const sums = await page.$$eval('#transitions-summary dd', (dds) => Object.fromEntries(dds.map((d) => [d.dataset.sum, d.textContent])));
    assert.deepEqual(Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, num(v)])),
      { stayed: t.stayed, up: t.moved_up, down: t.moved_down, new: t.new, gone: t.gone });
    // A move down, a new client's cell and a gone one: the ids the report's client
    // fields give, in the report's order.
    const down = t.moves.filter((m) => m.from !== m.to && !['new', 'gone'].includes(m.from) && m.to !== 'gone').sort((a, b) => b.count - a.count)[0];
    const picks = [down, t.moves.find((m) => m.from === 'new'), t.moves.find((m) => m.to === 'gone')];
    for (const m of picks) {
      const want = r.clients.filter((c) => (c[field] ?? 'new') === m.from && (c.cell ?? 'gone') === m.to).map((c) => c.id);
      assert.equal(want.length, m.count, `${m.from}->${m.to}`);
      await page.click(`#transitions-matrix button[data-from="${m.from}"][data-to="${m.to}"]`);
      await rowsReady(page);
      assert.deepEqual(await pagedRows(page, 'transitions-clients'), want, `${which} ${m.from}->${m.to}`);
      // The noun agrees with the count (one client, 2 clients).
      assert.match(await page.textContent('#transitions-detail h3'), new RegExp(`: ${m.count} client${m.count === 1 ? '' : 's'}$`));
      // The client table shows the same clients.
      assert.equal(await page.textContent('#client-info'), `Showing 1–${Math.min(100, want.length)} of ${want.length}`);
      assert.deepEqual(await page.$$eval('table.clients tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent)), want.slice(0, 100));
    }
  }
  // A move's money: revenue then and now, as the report sums it.
  const m = r.transitions.year_ago.moves[0];
  assert.equal(await page.getAttribute(`#transitions-matrix button[data-from="${m.from}"][data-to="${m.to}"]`, 'title'),
    `Revenue in the window: ${fmtMoney(m.revenue_before)} then, ${fmtMoney(m.revenue_now)} now.`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a list picked in the transitions or a period does not follow the client table to the next file', async () => {
  const next = join(ROOT, 'tests/fixtures/dynamics_hand.csv');
  const r = report(next);
  const { page, context, errors } = await open('demo');
  for (const pick of ['#transitions-matrix button.tcell', '#period-matrix button.tcell']) {
    // A pick of the demo's (a move, or a period's cell that the next file's fewer
    // periods lack) narrows the client table to that list.
    if (pick.startsWith('#period')) await page.selectOption('#period-pick', '0');
    await page.click(pick);
    await rowsReady(page);
    assert.notEqual(await page.textContent('#client-subset'), '');
    await page.setInputFiles('#file', next);
    assert.equal(await waitState(page, 'done'), 'done');
    await rowsReady(page);
    // The next file's clients, all of them, in the Report's order; the pick is gone.
    assert.equal(await page.textContent('#client-subset'), '');
    assert.equal(await page.isHidden('#client-clear'), true);
    assert.equal(await page.textContent('#client-info'), `Showing 1–${Math.min(100, r.clients.length)} of ${r.clients.length}`);
    assert.deepEqual(await page.$$eval('table.clients tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent)), r.clients.slice(0, 100).map((c) => c.id));
    await page.click('#demo');
    assert.equal(await waitState(page, 'done'), 'done');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the matrix of each period equals transitions.periods, and its cells list their clients', async () => {
  const r = report(demo);
  const P = r.transitions.periods;
  const { page, context, errors } = await open('demo');
  assert.equal(await page.$$eval('#period-pick option', (o) => o.length), P.length);
  for (const k of [0, Math.floor(P.length / 2), P.length - 1]) {
    await page.selectOption('#period-pick', String(k));
    await rowsReady(page);
    const counts = await page.$$eval('#period-matrix button.tcell', (bs) => bs.map((b) => [b.dataset.cell, b.querySelector('.count').textContent, b.querySelector('.revenue').textContent]));
    assert.deepEqual(counts, P[k].cells.map((c) => [c.cell, c.count.toLocaleString('en'), fmtMoney(c.revenue)]), `period ${k}`);
    const cell = P[k].cells.filter((c) => c.count > 0 && c.count <= 60).at(-1);
    await page.click(`#period-matrix button[data-cell=${cell.cell}]`);
    await rowsReady(page);
    const want = r.clients.filter((c) => c.cell_history.split(' ')[k] === cell.cell).map((c) => c.id);
    assert.equal(want.length, cell.count);
    assert.deepEqual(await pagedRows(page, 'period-clients'), want);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('the pool table equals pool.periods; leakage as the report has it', async () => {
  const r = report(demo);
  const { page, context, errors } = await open('demo');
  const rows = await pagedRows(page, 'pool-table', true);
  const want = [...r.pool.periods].reverse().map((p) => [new Date(`${p.period_start}T00:00:00Z`).toLocaleDateString('en', { timeZone: 'UTC' }),
    ...[p.active_start, p.new, p.returned, p.lost, p.active_end].map((n) => n.toLocaleString('en'))]);
  assert.deepEqual(rows, want);
  // Every period reconciles (the page adds nothing of its own).
  for (const p of r.pool.periods) assert.equal(p.active_start + p.new + p.returned - p.lost, p.active_end);
  assert.equal(await page.textContent('#pool-leakage .value'), pct1(r.leakage.rate));
  assert.match(await page.textContent('#pool-leakage-text'), new RegExp(`Of the ${r.leakage.base_clients.toLocaleString('en')} clients .* ${r.leakage.leaked} bought nothing since: a leakage of ${pct1(r.leakage.rate)} against a norm of at most 10%`));
  assert.equal(await page.$$eval('#pool figure.chart[data-chart=pool], #pool figure.chart[data-chart=leakage]', (f) => f.length), 2);
  assert.ok(await page.isVisible('#reasons-none'), 'the demo has no reason column');
  assert.deepEqual(errors, []);
  await context.close();
});

test('win-back groups: counts, money, titles and the first rows of each call list', async () => {
  const r = report(demo);
  const byId = new Map(r.clients.map((c) => [c.id, c]));
  const { page, context, errors } = await open('demo');
  for (const g of r.winback.groups) {
    assert.equal(await page.textContent(`#winback-${g.group} h3`), `Group ${g.group}. ${t('en', g.title)}`);
    assert.equal(await page.textContent(`#winback-${g.group} p.muted`), `cells ${g.cells.join(', ')} · ${g.count.toLocaleString('en')} clients · ${fmtMoney(g.annual_value)} a year`);
    const rows = await page.$$eval(`#winback-${g.group}-list tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows, g.clients.slice(0, 10).map((x) => {
      const c = byId.get(x.id);
      return [x.id, c.manager ?? '—', new Date(`${c.last_purchase}T00:00:00Z`).toLocaleDateString('en', { timeZone: 'UTC' }),
        x.products.join(', ') || '—', fmtMoney(x.annual_value), c.channel ?? '—', x.cell,
        // Since issue 18 the list ends with the chance of a purchase in 90 days.
        c.p_buy == null ? '—' : pct1(c.p_buy[c.p_buy.length - 1])];
    }));
  }
  assert.equal(r.winback.groups.reduce((n, g) => n + g.count, 0), r.winback.lost);
  // The groups are a setting: the link opens it at the pickers, which show the mapping.
  await page.click('#winback-edit');
  assert.equal(await page.$eval('#seg-details', (d) => d.open), true);
  assert.equal(await page.$eval('#set-winback_groups-CX', (s) => s.value), '2');
  await page.selectOption('#set-winback_groups-CX', '1');
  await page.waitForFunction(() => location.hash.includes('winback_groups=AX,AY,BX,CX/AZ,BY/BZ,CY/CZ'));
  assert.equal(await waitState(page, 'done'), 'done');
  await page.waitForFunction(() => document.querySelector('#winback-1 p.muted')?.textContent.startsWith('cells AX, AY, BX, CX'));
  const changed = JSON.parse(cli(['analyze', demo, '--json', '--lang', 'en', '--config', writeConfig({ winback_groups: [['AX', 'AY', 'BX', 'CX'], ['AZ', 'BY'], ['BZ', 'CY'], ['CZ']] })]));
  assert.equal(num((await page.textContent('#winback-1 p.muted')).split('·')[1]), changed.winback.groups[0].count);
  assert.deepEqual(errors, []);
  await context.close();
});

function writeConfig(obj) {
  const path = join(tmp, `config-${Object.keys(obj).join('-')}.json`);
  writeFileSync(path, JSON.stringify(obj));
  return path;
}

test('one-time buyers: count, money and the questions in Russian and English', async () => {
  for (const lang of ['ru', 'en']) {
    const r = report(demo, lang);
    const o = r.one_time_buyers;
    const { page, context, errors } = await open('demo', { lang });
    assert.deepEqual(await page.$$eval('#onetime-questions li', (li) => li.map((x) => x.textContent)), o.questions.map((q) => t(lang, q)));
    const text = await page.textContent('#onetime > p');
    assert.equal(num(text.split(/clients|клиентов/)[0]), o.count);
    const rows = await page.$$eval('#onetime-list tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.deepEqual(rows, o.clients.slice(0, 20).map((x) => x.id));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/** RFC 4180 with a BOM and either delimiter. */
function parseCsv(text, delimiter) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { row.push(cell); cell = ''; } else if (ch === '\r' && s[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

test('each list downloads as its own CSV, with the chosen delimiter, without a request', async () => {
  const r = report(demo);
  const { page, context, errors } = await open('demo');
  const requests = [];
  context.on('request', (q) => { if (!q.url().startsWith('blob:')) requests.push(q.url()); });
  const save = async (selector) => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const path = join(tmp, dl.suggestedFilename());
    await dl.saveAs(path);
    return { name: dl.suggestedFilename(), text: readFileSync(path, 'utf8') };
  };
  const stem = `clientscope-${r.settings.as_of}-abc80-95-w12`;
  // Win-back group 1: every client of the group, in the list's order.
  // Until one is chosen, the delimiter is the language's Excel's: ',' in English.
  assert.equal(await page.inputValue('#csv-delimiter'), ',');
  const w1 = await save('#winback-1 button[data-download-list=winback-1]');
  assert.equal(w1.name, `${stem}-winback-1.csv`);
  let rows = parseCsv(w1.text, ',');
  assert.equal(rows[0][0], 'Client');
  assert.deepEqual(rows.slice(1).map((x) => x[0]), r.winback.groups[0].clients.map((c) => c.id));
  const shown = await page.$$eval('#winback-1-list tbody tr', (trs) => trs.map((tr) => [tr.cells[0].textContent, tr.cells[1].textContent, tr.cells[3].textContent]));
  assert.deepEqual(rows.slice(1, 1 + shown.length).map((x) => [x[0], x[5] || '—', x[4] || '—']), shown);
  // The delimiter switch of the downloads card applies to every list.
  // With ';' (a Russian Excel) money has a decimal comma.
  await page.selectOption('#csv-delimiter', ';');
  const one = await save('#onetime button[data-download-list=one-time]');
  assert.equal(one.name, `${stem}-one-time.csv`);
  rows = parseCsv(one.text, ';');
  assert.deepEqual(rows.slice(1).map((x) => [x[0], x[2]]), r.one_time_buyers.clients.map((c) => [c.id, c.revenue.replace('.', ',')]));
  const leaving = await save('#leaving button[data-download-list=leaving]');
  rows = parseCsv(leaving.text, ';');
  assert.deepEqual(rows.slice(1).map((x) => x[0]), r.leaving.list.map((x) => x.id));
  assert.deepEqual(await page.$$eval('#leaving-list tbody tr', (trs) => trs.map((tr) => tr.cells[0].textContent)), rows.slice(1, 21).map((x) => x[0]));
  // A matrix cell's list: the clients the matrix view lists for it.
  await page.click('#matrix button.cell[data-cell=BY]');
  await rowsReady(page);
  const by = await save('#matrix-detail button[data-download-list=matrix-by]');
  assert.equal(by.name, `${stem}-matrix-by.csv`);
  rows = parseCsv(by.text, ';');
  assert.deepEqual(rows.slice(1).map((x) => x[0]), r.clients.filter((c) => c.abc === 'B' && c.xyz === 'Y').map((c) => c.id));
  assert.deepEqual(await page.$$eval('#matrix-clients li .client', (s) => s.map((x) => x.textContent)), rows.slice(1, 11).map((x) => x[0]));
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('churn reasons beside the reference; hostile names and reasons stay text in every list', async () => {
  const r = report(REASONS);
  const x = r.leakage.reasons;
  assert.deepEqual(x.counts.map((c) => [c.reason, c.count]), [['Цена', 3], ['Качество', 2], ['<b>Сервис</b>', 1], ['Дорого', 1]]);
  assert.deepEqual([x.lost_clients, x.with_reason], [9, 7]);
  const { page, context, errors } = await open(REASONS);
  assert.deepEqual(await page.$$eval('#reasons-table tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent))),
    x.counts.map((c) => [c.reason, String(c.count), pct1(c.share)]));
  assert.equal(await page.textContent('#reasons > p'), 'A reason is given for 7 of the 9 lost clients.');
  assert.deepEqual(await page.$$eval('#reasons-reference ul.bars li', (li) => li.map((l) => l.textContent)),
    x.reference.map((ref) => `${pct1(ref.share)} ${t('en', ref.text)}`));
  const evil1 = '<img src=x onerror=window.__xss=1>';
  const evil2 = '<img src=x onerror=window.__xss=2>';
  // Moves since the previous period: the hostile client moved AY -> BY with Каппа.
  await page.click('#transitions-previous');
  await rowsReady(page);
  await page.click('#transitions-matrix button[data-from=AY][data-to=BY]');
  await rowsReady(page);
  assert.deepEqual(await pagedRows(page, 'transitions-clients'), r.clients.filter((c) => c.cell_previous === 'AY' && c.cell === 'BY').map((c) => c.id));
  assert.ok((await pagedRows(page, 'transitions-clients')).includes(evil1));
  await page.selectOption('#period-pick', '0');
  await rowsReady(page);
  await page.click('#period-matrix button[data-cell=CZ]');
  await rowsReady(page);
  assert.deepEqual(await pagedRows(page, 'period-clients'), ['Лямбда', evil2].filter((id) => r.clients.some((c) => c.id === id)).sort((a, b) => r.clients.findIndex((c) => c.id === a) - r.clients.findIndex((c) => c.id === b)));
  assert.ok((await pagedRows(page, 'winback-1-list')).includes(evil1));
  assert.deepEqual(await pagedRows(page, 'onetime-list'), [evil2, 'Лямбда']);
  for (const id of ['transitions', 'pool', 'winbacks', 'onetime']) assert.equal(await strayMarkup(page, `#${id}`), 0, id);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await page.setViewportSize({ width: 390, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, 'reasons-390.png'), fullPage: true });
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'no page overflow at 390 px');
  assert.deepEqual(errors, []);
  await context.close();
});

test('screenshots of the leaving answer and the dynamics views, light and dark, wide and at 390 px', async () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1280, 390]) {
      const { page, context } = await open('demo', { lang: 'ru', colorScheme, width });
      await page.click('#transitions-matrix button[data-from=AX][data-to=AY]');
      await rowsReady(page);
      await page.click('#period-matrix button[data-cell=BY]');
      await rowsReady(page);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `no page overflow at ${width}`);
      // The 10 x 10 matrix fits a phone without scrolling inside its card, and each
      // number stays a touch target of at least 24 px.
      const [scroll, client] = await page.$eval('#transitions-matrix', (t) => [t.parentElement.scrollWidth, t.parentElement.clientWidth]);
      assert.ok(scroll <= client, `transition matrix ${scroll} px in ${client} px at ${width}`);
      const narrowest = Math.min(...await page.$$eval('#transitions-matrix button.tcell', (bs) => bs.map((b) => b.getBoundingClientRect().width)));
      assert.ok(narrowest >= 24, `cells ${narrowest} px wide`);
      for (const id of ['leaving', 'transitions', 'pool', 'winbacks', 'onetime']) {
        await (await page.$(`#${id}`)).screenshot({ path: join(ARTIFACTS, `${id}-ru-${colorScheme}-${width}.png`) });
      }
      await context.close();
    }
  }
});
