// Segmentation in the page, against the CLI and against hand-computed figures: the
// ABC-XYZ matrix, a cell's clients, settings through the hash and the panel, ABC by
// dimension and measure, NPS present and absent, untrusted names as text, and
// screenshots of the views in light and dark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, waitState, cli, strayMarkup, openSettings, readMoney, ROOT, ARTIFACTS, rowsReady } from './helpers.mjs';
import { t } from '../../www/i18n.js';
import { pct as share } from '../../www/format.js';

let env;
const tmp = mkdtempSync(join(tmpdir(), 'clientscope-seg-'));
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const HAND = join(ROOT, 'tests/fixtures/segments_hand.csv');
/** The window and date crate/tests/segments_hand.rs computes by hand. */
const HAND_HASH = '#lang=en&window=6&asof=2024-06-30';
const HAND_CONFIG = { window: 6, as_of: '2024-06-30' };

/** The CLI's report for `file` with `config` (written to a --config file). */
function report(file, config = {}) {
  const path = join(tmp, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(config));
  return JSON.parse(cli(['analyze', file, '--json', '--lang', 'en', '--config', path]));
}

const demoFile = () => {
  const path = join(tmp, 'demo.csv');
  cli(['demo', '--out', path]);
  return path;
};

// The page formats as en-US does; so does Node's Intl (same ICU data).
// A file that names its currency (the demo's amounts say руб.) shows its sign.
const SIGN = { RUB: '₽', UAH: '₴', USD: '$', EUR: '€' };
// Sums from 10 000 on read in whole units (format.rs WHOLE_FROM, one rule for the
// page and the reports); the exact figure is the cell's title.
const money = (s, currency = null) => readMoney(s, SIGN[currency] ?? '');
// Shares by the one rule of format.rs `share` (format.js `pct`).
const pct = (x) => share(x, 'en');
const int = (n) => n.toLocaleString('en-US');

/** The nine cells as the page shows them, and as the report says they should read. */
const pageCells = (page) => page.$$eval('#matrix button.cell', (cells) => cells.map((c) => ({
  cell: c.dataset.cell,
  count: c.querySelector('.count').textContent,
  countShare: c.querySelector('.count-share').textContent,
  revenue: c.querySelector('.revenue').textContent,
  revenueShare: c.querySelector('.revenue-share').textContent,
  title: c.querySelector('.title').textContent,
})));
const expectedCells = (r) => r.matrix.cells.map((c) => ({
  cell: c.cell,
  count: `Clients: ${int(c.count)}`,
  countShare: `${pct(c.count_share)} of clients`,
  revenue: money(c.revenue, r.settings.currency),
  revenueShare: `${pct(c.revenue_share)} of revenue`,
  title: t('en', c.playbook.title),
}));

const tableIds = (page) => page.$$eval('#clients tbody tr td.client', (c) => c.map((x) => x.textContent));
/** Runs `action` and waits for the analysis it starts to end. */
const rerun = async (page, action) => {
  await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
  await action();
  await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  return page.evaluate(() => document.body.dataset.state);
};
const hashOf = (page) => new URL(page.url()).hash;

test('the matrix in the page equals the CLI report: demo, and the hand-computed file', async () => {
  const demo = report(demoFile());
  let { page, errors } = await openPage(env.browser, env.url);
  await page.click('#demo');
  assert.equal(await waitState(page, 'done'), 'done');
  assert.deepEqual(await pageCells(page), expectedCells(demo));
  assert.equal(demo.matrix.cells.reduce((n, c) => n + c.count, 0), demo.matrix.clients);
  assert.deepEqual(errors, []);
  await page.context().close();

  const hand = report(HAND, HAND_CONFIG);
  ({ page, errors } = await openPage(env.browser, env.url, { hash: HAND_HASH }));
  await page.setInputFiles('#file', HAND);
  assert.equal(await waitState(page, 'done'), 'done');
  const cells = await pageCells(page);
  assert.deepEqual(cells, expectedCells(hand));
  // By hand (crate/tests/segments_hand.rs): window revenue 10 750 over the eight
  // classified clients; AX = Anchor 6 000, AY = Bolt 1 500, AZ = Crest 2 000,
  // BY = Echo + Fjord 1 000, CY = Zero 0, CZ = Dune 300 + Refund −50.
  const byCell = Object.fromEntries(cells.map((c) => [c.cell, [c.count, c.revenue, c.revenueShare]]));
  assert.deepEqual(byCell.AX, ['Clients: 1', '6,000.00', '56% of revenue']);
  assert.deepEqual(byCell.AZ, ['Clients: 1', '2,000.00', '19% of revenue']);
  assert.deepEqual(byCell.BY, ['Clients: 2', '1,000.00', '9.3% of revenue']);
  assert.deepEqual(byCell.CZ, ['Clients: 2', '250.00', '2.3% of revenue']);
  assert.deepEqual(byCell.BX, ['Clients: 0', '0.00', '0% of revenue']);
  // The shade follows the share of revenue: AX above 50 %, AZ 15-30 %, AY and BY
  // 5-15 %, the rest (CZ 2.3 %, empty cells) the lightest.
  assert.deepEqual(await page.$$eval('#matrix button.cell', (b) => b.map((x) => x.className.match(/heat\d/)[0])),
    ['heat4', 'heat1', 'heat2', 'heat0', 'heat1', 'heat0', 'heat0', 'heat0', 'heat0']);
  // XYZ: Dune is new, Refund has no purchase: both said in words.
  assert.equal(await page.textContent('#xyz-statuses [data-status=new] .count'), '1');
  assert.equal(await page.textContent('#xyz-statuses [data-status=no_purchases] .count'), '1');
  assert.match(await page.textContent('#xyz-explain'), /X from 75%, Y from 25%.*Fewer than 2 periods/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('clicking a cell lists exactly its clients, with its goal and actions in the UI language', async () => {
  const hand = report(HAND, HAND_CONFIG);
  const { page } = await openPage(env.browser, env.url, { hash: HAND_HASH });
  await page.setInputFiles('#file', HAND);
  await waitState(page, 'done');
  assert.match(await page.textContent('#matrix-detail'), /Click a cell/);
  for (const [cell, ids] of [['BY', ['Echo', 'Fjord']], ['CZ', ['Dune', 'Refund']], ['AX', ['Anchor']], ['BX', []]]) {
    await page.click(`#matrix [data-cell=${cell}]`);
    await rowsReady(page);
    const want = hand.clients.filter((c) => `${c.abc}${c.xyz}` === cell).map((c) => c.id);
    assert.deepEqual(want, ids, `CLI ${cell}`);
    assert.deepEqual(await tableIds(page), ids, `table ${cell}`);
    assert.deepEqual(await page.$$eval('#matrix-clients .client', (c) => c.map((x) => x.textContent)), ids, `preview ${cell}`);
    assert.equal(await page.getAttribute(`#matrix [data-cell=${cell}]`, 'aria-pressed'), 'true');
    const pb = hand.matrix.cells.find((c) => c.cell === cell).playbook;
    assert.equal(await page.textContent('#matrix-detail h3'), `${cell} — ${t('en', pb.title)}`);
    assert.equal(await page.textContent('#matrix-detail .goal'), `Goal: ${t('en', pb.goal)}`);
    assert.deepEqual(await page.$$eval('#matrix-detail .actions li', (l) => l.map((x) => x.textContent)), pb.actions.map((a) => t('en', a)));
  }
  // The filters show what was picked; another language keeps the cell and translates its plan.
  await page.click('#matrix [data-cell=BY]');
  await rowsReady(page);
  assert.deepEqual([await page.inputValue('#client-group'), await page.inputValue('#client-xyz')], ['B', 'Y']);
  assert.equal(await rerun(page, () => page.selectOption('#lang', 'uk')), 'done');
  const by = hand.matrix.cells[4].playbook;
  assert.equal(await page.textContent('#matrix-detail .goal'), `Мета: ${t('uk', by.goal)}`);
  assert.deepEqual(await tableIds(page), ['Echo', 'Fjord']);
  // Clearing the filters shows everyone again.
  await page.click('#client-clear');
  await rowsReady(page);
  assert.equal((await tableIds(page)).length, 8);
  await page.context().close();

  // The demo: a cell of 524 clients fills pages of 100, every one of them a CY.
  const demo = report(demoFile());
  const { page: p2 } = await openPage(env.browser, env.url);
  await p2.click('#demo');
  await waitState(p2, 'done');
  await p2.click('#matrix [data-cell=CY]');
  await rowsReady(p2);
  const cy = demo.clients.filter((c) => c.abc === 'C' && c.xyz === 'Y');
  assert.equal(cy.length, demo.matrix.cells[7].count);
  assert.equal(await p2.textContent('#client-info'), `Showing 1–100 of ${int(cy.length)}`);
  assert.deepEqual(await tableIds(p2), cy.slice(0, 100).map((c) => c.id));
  const badges = await p2.$$eval('#clients tbody tr', (rows) => rows.map((r) => `${r.cells[1].textContent}${r.cells[2].textContent.slice(0, 1)}`));
  assert.ok(badges.every((b) => b === 'CY'), badges.join());
  assert.deepEqual(await p2.$$eval('#matrix-clients .client', (c) => c.map((x) => x.textContent)), cy.slice(0, 10).map((c) => c.id));
  await p2.context().close();
});

test('settings: a link restores them, the result equals the CLI with the same --config, the panel edits them', async () => {
  const seg = { xyz_frequency: [60, 20], abc_measure: 'margin', d_min_days: 30, rfm_recency_days: [10, 20, 40, 80], quadrant_percentiles: [40, 60] };
  const hash = `${HAND_HASH}&abc_measure=margin&xyz_frequency=60,20&d_min_days=30&quadrant_percentiles=40,60&rfm_recency_days=10,20,40,80`;
  const { page, errors } = await openPage(env.browser, env.url, { hash });
  await page.setInputFiles('#file', HAND);
  assert.equal(await waitState(page, 'done'), 'done');
  // The hash is kept as given (the order the page writes) and the panel shows it, opened.
  assert.equal(hashOf(page), hash);
  assert.equal(await page.evaluate(() => document.getElementById('seg-details').open), true);
  assert.deepEqual(await Promise.all(['#set-xyz_frequency-0', '#set-xyz_frequency-1', '#set-d_min_days', '#set-rfm_recency_days'].map((s) => page.inputValue(s))),
    ['60', '20', '30', '10, 20, 40, 80']);
  assert.equal(await page.inputValue('#abc-measure'), 'margin');
  let cli1 = report(HAND, { ...HAND_CONFIG, ...seg });
  const base = report(HAND, HAND_CONFIG);
  assert.notDeepEqual(expectedCells(cli1), expectedCells(base), 'the settings change the matrix');
  assert.deepEqual(await pageCells(page), expectedCells(cli1));
  const groups = (sel) => page.$$eval(`${sel} tbody tr[data-group]`, (rows) => rows.map((r) => [r.dataset.group, r.querySelector('.count').textContent]));
  assert.deepEqual(await groups('#abcdx'), cli1.abcdx.groups.map((g) => [g.group, int(g.count)]));
  assert.deepEqual(await groups('#abc'), [...cli1.abc.groups.map((g) => [g.group, int(g.count)]), ['inactive', int(cli1.abc.inactive)]]);
  assert.deepEqual(await page.$$eval('#rfm tbody tr[data-segment] .count', (c) => c.map((x) => x.textContent)), cli1.rfm.segments.map((s) => int(s.count)));
  assert.deepEqual(await page.$$eval('.quadrant .count', (c) => c.map((x) => x.textContent)),
    ['II', 'III', 'I', 'IV'].map((q) => `Clients: ${cli1.quadrants.quadrants.find((x) => x.quadrant === q).count}`));
  assert.match(await page.textContent('#abc-explain'), /ranked by margin/);

  // A setting typed into the panel: re-run, the hash follows, the CLI agrees.
  // (The settings folded away when the results came: one click opens them.)
  await openSettings(page);
  await page.fill('#set-xyz_min_periods', '4');
  assert.equal(await rerun(page, () => page.press('#set-xyz_min_periods', 'Tab')), 'done');
  assert.match(hashOf(page), /&xyz_min_periods=4(&|$)/);
  cli1 = report(HAND, { ...HAND_CONFIG, ...seg, xyz_min_periods: 4 });
  assert.deepEqual(await pageCells(page), expectedCells(cli1));
  assert.equal(await page.textContent('#xyz-statuses [data-status=short_history] .count'), String(cli1.xyz.statuses.short_history ?? 0));
  // A value against the rule: nothing runs, the field says so, the hash keeps the last good one.
  await page.fill('#set-xyz_frequency-0', '10');
  await page.press('#set-xyz_frequency-0', 'Tab');
  assert.equal(await page.textContent('#notice'), 'XYZ by frequency: need 0 < Y < X ≤ 100. The previous value is kept: 60 / 20.');
  assert.equal(await page.getAttribute('#set-xyz_frequency-0', 'aria-invalid'), 'true');
  assert.match(hashOf(page), /xyz_frequency=60,20/);
  // The ABC dimension from the ABC card: products, ranked by margin.
  assert.equal(await rerun(page, () => page.selectOption('#abc-dimension', 'product')), 'done');
  assert.match(hashOf(page), /abc_dimension=product/);
  cli1 = report(HAND, { ...HAND_CONFIG, ...seg, xyz_min_periods: 4, abc_dimension: 'product' });
  assert.equal(await page.getAttribute('#abc', 'data-dimension'), 'product');
  assert.deepEqual(await page.$$eval('#abc-items tbody tr td.client', (c) => c.map((x) => x.textContent)), cli1.abc.items.map((i) => i.id));
  assert.deepEqual(await page.$$eval('#abc-items tbody tr td:nth-child(4)', (c) => c.map((x) => x.textContent)), cli1.abc.items.map((i) => money(i.value)));
  // The dimensions offered are the ones the file has (no branch column here).
  assert.deepEqual(await page.$$eval('#abc-dimension option', (o) => o.map((x) => x.value)), ['client', 'product', 'manager']);
  assert.deepEqual(errors, []);
  await page.context().close();

  // Revenue by product, by hand: Widget 7 600, Gadget 3 150 (the return nets it).
  const { page: p2 } = await openPage(env.browser, env.url, { hash: `${HAND_HASH}&abc_dimension=product` });
  await p2.setInputFiles('#file', HAND);
  await waitState(p2, 'done');
  assert.deepEqual(await p2.$$eval('#abc-items tbody tr', (rows) => rows.map((r) => [r.cells[0].textContent, r.cells[3].textContent])),
    [['Widget', '7,600.00'], ['Gadget', '3,150.00']]);
  await p2.context().close();

  // Margin asked of a file without margin: revenue is used, and the page says so.
  const { page: p3 } = await openPage(env.browser, env.url, { hash: '#abc_measure=margin' });
  await p3.click('#demo');
  await waitState(p3, 'done');
  assert.match(await p3.textContent('#abc-measure-note'), /no margin figures: ranked by revenue instead/);
  await p3.context().close();

  // Values that break the rules are named and ignored, never sent.
  const { page: p4 } = await openPage(env.browser, env.url, { hash: '#xyz_frequency=20,60&abc_dimension=planet&d_min_days=0&rfm_frequency=0,2,3,4&x_cost_ratio=1e3&xyz_method.client=variation' });
  assert.match(await p4.textContent('#notice'), /ignored: xyz_frequency, abc_dimension, d_min_days, rfm_frequency, x_cost_ratio$/);
  assert.equal(await p4.inputValue('#set-xyz_frequency-0'), '75');
  assert.equal(await p4.inputValue('#set-xyz_method-client'), 'variation');
  assert.equal(hashOf(p4), '#lang=en&xyz_method.client=variation');
  await p4.context().close();
});

test('NPS: a line saying how to get it without scores; overall and by segment with them', async () => {
  let { page } = await openPage(env.browser, env.url);
  await page.click('#demo');
  await waitState(page, 'done');
  assert.equal(await page.getAttribute('#nps', 'data-present'), 'false');
  assert.match(await page.textContent('#nps-absent'), /no NPS scores/);
  // 5 answers in the window: 8, 10, 6, 7, 9: 2 promoters, 1 detractor: +20.
  await page.context().close();
  const hand = report(HAND, HAND_CONFIG);
  ({ page } = await openPage(env.browser, env.url, { hash: HAND_HASH }));
  await page.setInputFiles('#file', HAND);
  await waitState(page, 'done');
  assert.equal(await page.getAttribute('#nps', 'data-present'), 'true');
  assert.equal(await page.textContent('#nps-overall .value'), '+20');
  assert.equal(hand.nps.overall.score, 20);
  assert.match(await page.textContent('#nps-overall .sub'), /Answers: 5; promoters 2, detractors 1/);
  const byCell = await page.$$eval('#nps [data-kind=matrix] tbody tr', (rows) => rows.map((r) => [r.dataset.segment, r.querySelector('.score').textContent]));
  // The page writes a minus sign, not a hyphen (format.js).
  const fmt = (x) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(x).replace('-', '\u2212');
  // The view leads with the sentence of each client's latest answer.
  const c = hand.nps.clients;
  assert.equal(await page.textContent('#headline-nps'),
    `NPS by each client's latest answer: ${fmt(c.score)} (${c.responses} clients answered; ${c.promoters} promoters, ${c.detractors} detractors).`);
  assert.deepEqual(byCell, Object.entries(hand.nps.by_segment.matrix).map(([k, v]) => [k, fmt(v.score)]));
  // The rest of the hand file: X by margin (Bolt), lost Crest and Fjord, potential above fact.
  assert.deepEqual(await page.$$eval('#abcdx-lost td.client', (c) => c.map((x) => x.textContent)), ['Crest', 'Fjord']);
  assert.deepEqual(await page.$$eval('#abcdx-costly td.client', (c) => c.map((x) => x.textContent)), ['Bolt']);
  assert.deepEqual(await page.$$eval('#abcdx-gaps td.client', (c) => c.map((x) => x.textContent)), hand.abcdx.potential.clients.map((c) => c.id));
  assert.equal(await page.getAttribute('#concentration', 'data-risk'), hand.concentration.risk.level);
  // The statement the core writes in the exports (Risk::text; segments_hand.rs checks its figures).
  assert.equal(hand.concentration.risk.code, 'concentration.high');
  assert.match(await page.textContent('#risk'), /^High risk\. High dependency: the largest client, "Anchor", brings 56% of revenue and the top five bring 97%\./);
  assert.equal(await page.textContent('#top20-share .value'), pct(hand.concentration.top20_share));
  await page.context().close();
});

test('client names with HTML are text in the matrix list, the lost list and the table', async () => {
  const evil = '<img src=x onerror="window.__pwned=1">';
  const q = (s) => `"${s.replace(/"/g, '""')}"`;
  const rows = ['Дата;Клиент;Сумма'];
  for (const m of ['01', '02', '03', '04', '05', '06']) rows.push(`10.${m}.2024;${q(evil)};1000`, `12.${m}.2024;Обычный;10`);
  rows.push(`10.01.2024;${q('<b>gone</b>')};500`);
  const { page, errors } = await openPage(env.browser, env.url);
  await page.setInputFiles('#file', { name: 'evil.csv', mimeType: 'text/csv', buffer: Buffer.from(`${rows.join('\n')}\n`) });
  assert.equal(await waitState(page, 'done'), 'done');
  await page.click('#matrix [data-cell=AX]');
  await rowsReady(page);
  assert.deepEqual(await page.$$eval('#matrix-clients .client', (c) => c.map((x) => x.textContent)), [evil]);
  assert.deepEqual(await tableIds(page), [evil]);
  assert.ok((await page.$$eval('#abcdx-lost td.client', (c) => c.map((x) => x.textContent))).includes('<b>gone</b>'));
  // The only images are the core's charts (charts.test.mjs checks those).
  assert.equal(await strayMarkup(page, '#results'), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the RFM grid labels follow the core rule for every scored client of the demo', async () => {
  // The grid's segments come from the Report (rfm.grid_segments); the page keeps no
  // copy of the rule. Every scored client sits in the cell of its own segment, and
  // the page labels each cell with the Report's segment name.
  const demo = report(demoFile());
  const of = (r, f) => demo.rfm.grid_segments[r - 1][f - 1];
  const pairs = demo.clients.filter((c) => c.rfm).map((c) => [c.rfm, c.rfm_segment]);
  const wrong = pairs.filter(([code, seg]) => of(Number(code[0]), Number(code[1])) !== seg);
  assert.ok(pairs.length > 1000);
  assert.deepEqual(wrong, []);
  const { page } = await openPage(env.browser, env.url);
  await page.click('#demo');
  await waitState(page, 'done');
  const name = Object.fromEntries(demo.rfm.segments.map((s) => [s.segment, t('en', s.name)]));
  const cells = await page.$$eval('#rfm-grid td', (tds) => tds.map((td) => [Number(td.dataset.r), Number(td.dataset.f), td.querySelector('.seg').textContent]));
  assert.equal(cells.length, 25);
  for (const [r, f, label] of cells) assert.equal(label, name[of(r, f)] ?? '', `R${r} F${f}`);
  await page.context().close();
});

test('screenshots of the segmentation views, light and dark, and on a phone', async () => {
  for (const scheme of ['light', 'dark']) {
    const { page, errors } = await openPage(env.browser, env.url, { colorScheme: scheme });
    await page.click('#demo');
    await waitState(page, 'done');
    await page.click('#matrix [data-cell=AY]');
    await rowsReady(page);
    for (const id of ['matrix', 'abc', 'xyz', 'concentration', 'abcdx', 'quadrants', 'rfm', 'clients']) {
      await page.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `seg-${id}-${scheme}.png`) });
    }
    assert.deepEqual(errors, []);
    await page.context().close();
  }
  const context = await env.browser.newContext({ locale: 'ru-RU', viewport: { width: 390, height: 844 }, isMobile: true });
  const phone = await context.newPage();
  await phone.goto(`${env.url}index.html${HAND_HASH.replace('lang=en', 'lang=ru')}`);
  await phone.setInputFiles('#file', HAND);
  await waitState(phone, 'done');
  await phone.click('#matrix [data-cell=AX]');
  assert.equal(await phone.evaluate(() => document.documentElement.scrollWidth), 390);
  for (const id of ['matrix', 'quadrants']) await phone.locator(`#${id}`).screenshot({ path: join(ARTIFACTS, `seg-${id}-phone.png`) });
  await context.close();
});
