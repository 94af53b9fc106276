// No code or catalogue key ever reaches a user: every view of the page, in
// Russian, Ukrainian and English, on the demo and on a small file whose leakage
// has no base (the page once showed `leakageStatus.no_base` there), and every download (CSV, XLSX, HTML) hold words,
// never `buys_less`-like codes or `leakageStatus.no_base`-like keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, waitState, ROOT } from './helpers.mjs';
import { CATALOGUE } from '../../www/i18n.js';
import { SETTINGS } from '../../www/settings-schema.js';

let env;
before(async () => { env = await setup(); });
after(async () => { await env.close(); });

const SNAKE = /\b[a-z]+_[a-z_]+\b/g;
/** Codes and keys in a text: snake_case words, and dotted or camelCase catalogue keys. */
export function codesIn(text) {
  const found = [...text.matchAll(SNAKE)].map((m) => m[0]);
  for (const m of text.matchAll(/\b[A-Za-z]+(?:\.[A-Za-z0-9_]+)+|\b[a-z]+[A-Z][A-Za-z0-9]*\b/g)) {
    if (Object.hasOwn(CATALOGUE, m[0])) found.push(m[0]);
  }
  return found;
}

/** The text of every entry of a zip (XLSX) whose name matches, read through its central directory. */
function zipTexts(buf, wanted) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = [];
  for (let k = 0; k < count; k++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const [n, e, c] = [buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32)];
    const name = buf.subarray(p + 46, p + 46 + n).toString();
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (wanted.test(name)) out.push((method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    p += 46 + n + e + c;
  }
  assert.ok(out.length >= 2, 'the workbook has its sheets');
  return out;
}

/** What a reader sees in markup: no tags, no style, entities decoded enough for words. */
const words = (html) => html.replace(/<style>[\s\S]*?<\/style>/g, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;/g, ' ');

async function pageText(page) {
  // Open every fold so the text inside it is read too.
  await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
  return page.evaluate(() => {
    const parts = [document.title, document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      for (const a of ['title', 'aria-label', 'placeholder', 'alt']) if (el.getAttribute(a)) parts.push(el.getAttribute(a));
    }
    // Users' own values (the file's headers, client and product names) are not ours to check.
    for (const el of document.querySelectorAll('option')) parts.push(el.textContent);
    return parts.join('\n');
  });
}

const CASES = [
  { name: 'demo', open: (page) => page.click('#demo') },
  { name: 'abc_hand (leakage has no base)', open: (page) => page.setInputFiles('#file', join(ROOT, 'tests/fixtures/abc_hand.csv')) },
];

for (const c of CASES) {
  for (const lang of ['ru', 'uk', 'en']) {
    test(`${c.name}, ${lang}: no code on the page or in any download`, async () => {
      const { page, context, errors } = await openPage(env.browser, env.url, { hash: `#lang=${lang}` });
      await page.waitForSelector('body[data-ready=true]');
      await c.open(page);
      assert.equal(await waitState(page, 'done'), 'done');
      const seen = codesIn(await pageText(page));
      assert.deepEqual([...new Set(seen)], [], `page: ${seen.join(', ')}`);
      const save = async (sel) => {
        const [dl] = await Promise.all([page.waitForEvent('download'), page.click(sel)]);
        return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
      };
      const files = [await save('[data-download=clients]'), await save('[data-download=xlsx]'), await save('[data-download=html]')];
      // Each manager's call lists, where the file names managers.
      if (await page.$('[data-download=calls]')) files.push(await save('[data-download=calls]'));
      for (const key of await page.$$eval('[data-download-list]', (b) => [...new Set(b.map((x) => x.dataset.downloadList))])) {
        files.push(await save(`[data-download-list="${key}"]`));
      }
      assert.ok(files.length >= 4, files.map((f) => f.name).join(', '));
      for (const f of files) {
        const text = f.name.endsWith('.xlsx') ? zipTexts(f.bytes, /^xl\/(sharedStrings|workbook)\.xml$|^xl\/worksheets\//).map(words).join('\n')
          : f.name.endsWith('.html') ? words(f.bytes.toString('utf8'))
            : f.bytes.toString('utf8');
        const found = codesIn(text);
        assert.deepEqual([...new Set(found)], [], `${f.name}: ${found.join(', ')}`);
      }
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('every key the page asks for by name is in the catalogue', () => {
  const files = ['www/app.js', 'www/clientscope.js', 'www/panel.js', 'www/settings.js', 'www/worker.js',
    ...readdirSync(join(ROOT, 'www/views')).map((f) => `www/views/${f}`)];
  const missing = [];
  for (const f of files) {
    const src = readFileSync(join(ROOT, f), 'utf8');
    for (const m of src.matchAll(/\b(?:tr\(\s*|t\(\s*\w+\s*,\s*)'([A-Za-z][\w.]*)'/g)) {
      if (!Object.hasOwn(CATALOGUE, m[1])) missing.push(`${f}: ${m[1]}`);
    }
  }
  // data-t-own: the language names, each from the catalogue in its own language.
  for (const m of readFileSync(join(ROOT, 'index.html'), 'utf8').matchAll(/data-t(?:-own)?="([^"]+)"/g)) {
    if (!Object.hasOwn(CATALOGUE, m[1])) missing.push(`index.html: ${m[1]}`);
  }
  // Each setting's line of help (the panel's titles, the CLI's --help) in every language.
  for (const { key } of SETTINGS) {
    for (const lang of ['ru', 'uk', 'en']) if (!CATALOGUE[`help.${key}`]?.[lang]) missing.push(`help.${key} (${lang})`);
  }
  assert.deepEqual(missing, []);
});
