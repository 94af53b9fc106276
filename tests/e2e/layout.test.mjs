// What a user meets after an analysis, in the browser: axe-core over every view
// (light and dark) with no serious or critical violation; no number split across
// lines at 390 and 1280 px; the results' heading takes the focus, the settings fold
// away, the contents stay in view and reach the downloads, the leaving list starts
// within a screen; on a phone the charts, the matrix and the money fit; and a file
// whose columns are not recognised opens the column panel instead of a dead end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, ROOT, rowsReady } from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function demo({ lang = 'en', colorScheme = 'light', width = 1280 } = {}) {
  // bypassCSP: only so the test can inject axe-core; the page itself is unchanged.
  const context = await env.browser.newContext({ locale: lang, colorScheme, viewport: { width, height: width > 600 ? 900 : 844 }, bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.url}index.html#lang=${lang}`);
  await page.waitForSelector('body[data-ready=true]');
  await page.click('#demo');
  await page.waitForFunction(() => document.body.dataset.state === 'done' && document.body.dataset.charts === 'done', null, { timeout: 120_000 });
  return { page, context, errors };
}

/** axe-core's serious and critical violations on the page as it is now. */
async function violations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
      .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, first: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}: ${n.failureSummary.split('\n').slice(1, 2).join('')}`) }));
  });
  return found;
}

test('axe-core: no serious or critical violation in any view after the demo, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context, errors } = await demo({ colorScheme });
    // Every fold open, a matrix cell and a move picked: their contents are views too.
    await page.click('#matrix button.cell[data-cell=AX]');
    await rowsReady(page);
    await page.click('#transitions-matrix button.tcell');
    await rowsReady(page);
    await page.click('#period-matrix button.tcell');
    await rowsReady(page);
    await page.evaluate(() => { for (const d of document.querySelectorAll('details')) d.open = true; });
    const found = await violations(page);
    assert.deepEqual(found, [], `${colorScheme}: ${JSON.stringify(found, null, 1)}`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

/** Numbers in the visible text under `root` that the layout put on more than one line. */
function splitNumbers(page) {
  return page.evaluate(() => {
    const split = [];
    const walker = document.createTreeWalker(document.getElementById('results'), NodeFilter.SHOW_TEXT);
    // A figure: digits with the language's group and decimal separators inside it.
    const number = /\d(?:[\d\u00a0\u202f.,]*\d)?/g;
    let checked = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(number)) {
        if (m[0].length < 2) continue;
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const rects = [...range.getClientRects()].filter((r) => r.width > 0);
        if (!rects.length) continue; // not rendered (a folded list, a closed fold)
        checked += 1;
        const tops = new Set(rects.map((r) => Math.round(r.top / 4)));
        if (tops.size > 1) split.push(`${m[0]} in "${node.parentElement.closest('[id]')?.id}": ${node.parentElement.textContent.slice(0, 60)}`);
      }
    }
    return { split, checked };
  });
}

test('no number is split across lines, at 1280 and 390 px, in Russian and English', async () => {
  for (const lang of ['ru', 'en']) {
    for (const width of [1280, 390]) {
      const { page, context } = await demo({ lang, width });
      await page.evaluate(() => { for (const d of document.querySelectorAll('#results details')) d.open = true; });
      const { split, checked } = await splitNumbers(page);
      assert.ok(checked > 500, `${lang} ${width}: ${checked} numbers checked`);
      assert.deepEqual(split, [], `${lang} ${width}`);
      await context.close();
    }
  }
});

test('after an analysis: focus on the results, settings folded, contents in view with the downloads, the leaving list within a screen', async () => {
  for (const width of [1280, 390]) {
    const { page, context, errors } = await demo({ width });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-title');
    assert.equal(await page.evaluate(() => document.getElementById('settings').open), false);
    // One click opens the settings again.
    await page.click('#settings > summary');
    assert.equal(await page.evaluate(() => document.getElementById('settings').open), true);
    await page.click('#settings > summary');
    const m = await page.evaluate(() => {
      const top = (el) => el.getBoundingClientRect().top + scrollY;
      return { results: top(document.getElementById('results')), list: top(document.getElementById('leaving-list')), screen: innerHeight };
    });
    assert.ok(m.list - m.results <= m.screen, `${width}: the leaving list starts ${m.list - m.results} px below the results' start (screen ${m.screen})`);
    // The contents name the downloads and stay at the top while the page scrolls.
    assert.ok(await page.$('#contents button[data-jump=downloads]'));
    await page.click('#contents button[data-jump=downloads]');
    await page.waitForFunction(() => Math.abs(document.getElementById('downloads').getBoundingClientRect().top) < innerHeight);
    const nav = await page.evaluate(() => document.getElementById('contents').getBoundingClientRect().top);
    assert.ok(nav >= 0 && nav < 2, `the contents bar stays at the top (${nav})`);
    // The workbook and the report are at the top of the results as well.
    assert.deepEqual(await page.$$eval('.results-head [data-download-quick]', (b) => b.map((x) => x.dataset.downloadQuick)), ['xlsx', 'html']);
    // Model parameters and terms are folded under "how this is computed".
    assert.equal(await page.evaluate(() => document.getElementById('btyd').closest('details.how')?.open), false);
    assert.equal(await page.evaluate(() => /P\(|BG\/NBD|LTV/.test(document.querySelector('#leaving').innerText)), false);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('on a phone: charts scale to the width, the matrix keeps its three columns, the money of each list is in sight', async () => {
  for (const lang of ['ru', 'en']) {
    const { page, context } = await demo({ lang, width: 390 });
    const m = await page.evaluate(() => {
      const right = (el) => el.getBoundingClientRect().right;
      const figures = [...document.querySelectorAll('figure.chart:not([hidden]) img')];
      return {
        page: document.documentElement.scrollWidth,
        charts: figures.length,
        wideCharts: figures.filter((img) => img.getBoundingClientRect().width > img.closest('.card').clientWidth).length,
        z: Math.max(...[...document.querySelectorAll('#matrix button.cell[data-cell$=Z]')].map(right)),
        money: Math.max(...[...document.querySelectorAll('#leaving-list tbody tr:not([hidden]) td.num')].filter((td) => td.getClientRects().length).map(right)),
        leavingShown: [...document.querySelectorAll('#leaving-list tbody tr')].filter((tr) => tr.getClientRects().length).length,
      };
    });
    assert.equal(m.page, 390, `${lang}: no sideways scrolling`);
    assert.ok(m.charts >= 8, `${m.charts} charts`);
    assert.equal(m.wideCharts, 0, 'every chart fits its card');
    assert.ok(m.z <= 390, `the Z column ends at ${m.z}`);
    assert.ok(m.money > 0 && m.money <= 390, `the money column ends at ${m.money}`);
    // The leaving list folds to five cards; a button shows the rest.
    assert.equal(m.leavingShown, 5);
    await page.click('#leaving button.toggle.phone-only');
    assert.equal(await page.$$eval('#leaving-list tbody tr', (trs) => trs.filter((tr) => tr.getClientRects().length).length), 20);
    await context.close();
  }
});

test('a share reads the same in a view\'s sentence, its tiles and tables (format.rs share)', async () => {
  for (const lang of ['ru', 'en']) {
    const { page, context } = await demo({ lang });
    const m = await page.evaluate(() => {
      const text = (sel) => document.querySelector(sel)?.textContent ?? null;
      return {
        concentration: text('#headline-concentration'), largest: text('#largest-share .value'), risk: text('#risk'),
        pool: text('#headline-pool'), leakage: text('#pool-leakage .value'), leakageTile: text('#leakage-rate .value'),
        abc: text('#headline-abc'), aShare: document.querySelector('#abc tr[data-group=A] td.count + td')?.textContent,
      };
    });
    // The case: the sentence said "55 %" where the tile said "54,5 %".
    assert.ok(m.largest && m.concentration.includes(m.largest), `${lang}: "${m.largest}" in "${m.concentration}"`);
    assert.ok(m.risk.includes(m.largest), `${lang}: "${m.largest}" in the risk statement "${m.risk}"`);
    assert.ok(m.leakage && m.pool.includes(m.leakage), `${lang}: "${m.leakage}" in "${m.pool}"`);
    assert.equal(m.leakageTile, m.leakage);
    assert.ok(m.aShare && m.abc.includes(m.aShare), `${lang}: "${m.aShare}" in "${m.abc}"`);
    await context.close();
  }
});

test('no table scrolls sideways: the client list at 1280 px, the team at 390 px, the money of each in sight', async () => {
  for (const [lang, width] of [['ru', 1280], ['en', 1280], ['ru', 390], ['en', 390]]) {
    const { page, context } = await demo({ lang, width });
    const m = await page.evaluate(() => {
      const wide = (sel) => [...document.querySelectorAll(sel)].filter((t) => t.getClientRects().length)
        .map((t) => { const box = t.closest('.scroll') ?? t.parentElement; return { id: t.id || t.className, over: t.getBoundingClientRect().width - box.clientWidth }; })
        .filter((x) => x.over > 1);
      const money = (sel) => [...document.querySelectorAll(sel)].filter((td) => td.getClientRects().length).map((td) => td.getBoundingClientRect().right);
      return {
        page: document.documentElement.scrollWidth,
        clients: wide('#clients table'), team: wide('#team table'),
        teamRows: document.querySelectorAll('#team-managers tbody tr[data-name]').length,
        clientMoney: money('#clients tbody td:nth-child(9)'),
        teamMoney: money('#team-managers tbody td:nth-child(3)'),
      };
    });
    assert.equal(m.page, width, `${lang} ${width}: the page does not scroll sideways`);
    assert.deepEqual(m.clients, [], `${lang} ${width}: the client list fits its card`);
    assert.deepEqual(m.team, [], `${lang} ${width}: the team table fits its card`);
    assert.ok(m.teamRows > 1, 'the demo has managers');
    for (const [what, rights] of [['client', m.clientMoney], ['team', m.teamMoney]]) {
      assert.ok(rights.length > 0 && Math.max(...rights) <= width, `${lang} ${width}: the ${what} money ends at ${Math.max(...rights)}`);
    }
    await context.close();
  }
});

test('no dead end: unknown headers open the column panel on the file, and the analysis reruns once the roles are set', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clientscope-layout-'));
  const file = join(dir, 'unknown.csv');
  writeFileSync(file, 'Когда;Кто;Сколько\n01.03.2025;ООО Альфа;100,50\n02.03.2025;ООО Бета;200,00\n05.04.2025;ООО Альфа;50,25\n');
  const context = await env.browser.newContext({ locale: 'ru-RU', bypassCSP: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(`${env.url}index.html#lang=ru`);
  await page.waitForSelector('body[data-ready=true]');
  await page.setInputFiles('#file', file);
  await page.waitForFunction(() => document.body.dataset.state === 'error');
  assert.match(await page.textContent('#alert'), /Не найдены нужные столбцы/);
  // The panel, open, on the file's header and first rows, in the user's language.
  assert.equal(await page.evaluate(() => document.getElementById('columns').open), true);
  assert.deepEqual(await page.$$eval('#fix-columns thead th', (th) => th.map((x) => x.textContent)), ['Когда', 'Кто', 'Сколько']);
  assert.deepEqual(await page.$$eval('#fix-columns tbody tr:not(.roles)', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent))),
    [['01.03.2025', 'ООО Альфа', '100,50'], ['02.03.2025', 'ООО Бета', '200,00'], ['05.04.2025', 'ООО Альфа', '50,25']]);
  assert.match(await page.textContent('#missing-roles'), /дата/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'results-title');
  assert.deepEqual(await violations(page), []);
  // Each pick reruns; the panel stays until the three roles are set.
  const pick = async (id, role) => {
    await page.evaluate(() => { document.body.dataset.state = 'waiting'; });
    await page.focus(`#${id}`); // as a click or Tab would
    await page.selectOption(`#${id}`, role);
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.state));
  };
  await pick('role-0', 'date');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'role-0', 'the focus stays on the picker');
  await pick('role-1', 'client');
  await pick('role-2', 'amount');
  assert.equal(await page.evaluate(() => document.body.dataset.state), 'done');
  assert.equal(await page.textContent('#total-revenue .value'), '350,75');
  assert.equal(await page.textContent('#total-clients .value'), '2');
  assert.match(decodeURIComponent(new URL(page.url()).hash), /col\.date=Когда/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tile whose figure is too long for its column takes two; no figure sticks out of its tile', async () => {
  for (const width of [1280, 390]) {
    const { page, context } = await demo({ lang: 'ru', width });
    const out = await page.evaluate(() => [...document.querySelectorAll('.stat')].filter((s) => s.getClientRects().length)
      .filter((s) => { const v = s.querySelector('.value'); return v && v.getBoundingClientRect().right > s.getBoundingClientRect().right + 1; })
      .map((s) => s.id || s.textContent.slice(0, 30)));
    assert.deepEqual(out, [], `${width}`);
    // The demo's revenue (4 436 808 181,15) needs two columns on a phone.
    if (width === 390) assert.equal(await page.evaluate(() => document.getElementById('total-revenue').classList.contains('wide')), true);
    await context.close();
  }
});
