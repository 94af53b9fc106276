// The shell's pure modules under Node, no browser: every text exists in all three
// languages, the language choice, and exact money formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LANGS, CATALOGUE, pickLang, pluralForm, t } from '../../www/i18n.js';
import { money, moneyExact, moneyKey, pct, date } from '../../www/format.js';

const NBSP = '\u00a0';

test('every text exists in Russian, Ukrainian and English, and they differ', () => {
  const en = Object.keys(CATALOGUE).sort();
  assert.ok(en.length > 100, `${en.length} keys`);
  for (const lang of ['ru', 'uk']) assert.deepEqual(en.filter((k) => CATALOGUE[k][lang] != null), en, lang);
  for (const lang of LANGS) for (const key of en) assert.ok(t(lang, key).trim(), `${lang} ${key}`);
  // Nested groups too, for each key used by the page.
  for (const key of ['skip.bad_date', 'skip.no_client', 'skip.totals_row', 'skip.blank', 'skip.bad_amount', 'role.client', 'warn.no_header', 'warn.late_date_outliers', 'warn.early_date_outliers', 'warn.mixed_encoding']) {
    const texts = LANGS.map((lang) => t(lang, key));
    assert.equal(new Set(texts).size, 3, `${key}: ${texts}`);
    for (const text of texts) assert.notEqual(text, key);
  }
  // Placeholders survive translation.
  for (const lang of LANGS) assert.match(t(lang, 'abcExplain', { a: 80, b: 95 }), /80\s?%.*95\s?%/);
});

test('plural forms follow CLDR, as the core chooses them (texts::plural_form)', () => {
  const ns = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1001];
  assert.deepEqual(ns.map((n) => pluralForm('ru', n)), ['many', 'one', 'few', 'few', 'many', 'many', 'many', 'many', 'one', 'few', 'many', 'one', 'many', 'one']);
  assert.deepEqual(ns.map((n) => pluralForm('uk', n)), ns.map((n) => pluralForm('ru', n)));
  assert.deepEqual([0, 1, 21].map((n) => pluralForm('en', n)), ['other', 'one', 'other']);
  // A plural text agrees with its count, written as the page writes numbers.
  const cell = (lang, n) => t(lang, 'transCell', { from: 'AX', to: 'AY', n });
  assert.deepEqual(['1', '2', '5', '21', `1${NBSP}234`, '11'].map((n) => cell('ru', n)),
    ['AX → AY: 1 клиент', 'AX → AY: 2 клиента', 'AX → AY: 5 клиентов', 'AX → AY: 21 клиент', `AX → AY: 1${NBSP}234 клиента`, 'AX → AY: 11 клиентов']);
  assert.equal(cell('uk', '3'), 'AX → AY: 3 клієнти');
  assert.deepEqual(['1', '1,234'].map((n) => cell('en', n)), ['AX → AY: 1 client', 'AX → AY: 1,234 clients']);
});

test('the language comes from the browser list: ru*, uk*/ua, else English', () => {
  assert.equal(pickLang(['ru-RU', 'en']), 'ru');
  assert.equal(pickLang(['uk-UA']), 'uk');
  assert.equal(pickLang(['ua']), 'uk');
  assert.equal(pickLang(['de-DE', 'uk', 'ru']), 'uk');
  assert.equal(pickLang(['en-GB', 'ru']), 'en');
  assert.equal(pickLang(['de-DE', 'fr']), 'en');
  assert.equal(pickLang([]), 'en');
});

test('money is formatted from its digits, exactly, up to 1e15 and beyond', () => {
  // The exact figure (a title, a check against the books): moneyExact; money
  // rounds from 10 000 on by the core's rule, from the same digits.
  assert.equal(moneyExact('1234567.80', 'en'), '1,234,567.80');
  assert.equal(moneyExact('1234567.80', 'ru'), `1${NBSP}234${NBSP}567,80`);
  assert.equal(moneyExact('1234567.80', 'uk'), `1${NBSP}234${NBSP}567,80`);
  assert.equal(money('1234567.80', 'uk'), `1${NBSP}234${NBSP}568`);
  // A float would print 999999999999999.9 as ...999.875 or round it; the string does not.
  assert.equal(moneyExact('999999999999999.99', 'en'), '999,999,999,999,999.99');
  assert.equal(money('999999999999999.49', 'en'), '999,999,999,999,999');
  assert.equal(moneyExact('12345678901234567890.01', 'en'), '12,345,678,901,234,567,890.01');
  assert.equal(money('-30.00', 'en'), '−30.00');
  assert.equal(money('0.00', 'ru'), '0,00');
  assert.equal(money('7', 'en'), '7');
  assert.ok(moneyKey('999999999999999.99') > moneyKey('999999999999999.98'));
  assert.ok(moneyKey('-1.00') < moneyKey('0.50'));
  assert.ok(moneyKey('100.50') > moneyKey('20.10'));
  assert.equal(pct(0.8974358974358975, 'en'), '90%');
  assert.equal(pct(0.05, 'ru'), `5,0${NBSP}%`);
  assert.equal(date('2025-12-31', 'ru'), '31.12.2025');
  assert.equal(date(null, 'en'), '—');
});

test('segmentation settings: the hash round-trips, bad values are named, options match --config keys', async () => {
  const { readHash, writeHash, toOptions, defaults, parseValue, SPEC_BY_KEY } = await import('../../www/settings.js');
  const hash = '#lang=uk&abc=50,80&abc_dimension=manager&abc_measure=purchases&xyz_method.client=variation&xyz_frequency=80,30&xyz_variation=12.5,30&xyz_min_periods=3&abcdx_measure=margin&d_min_days=60&d_interval_multiple=2.5&x_cost_ratio=0.8&x_margin_pct=7&quadrant_percentiles=40,60&rfm_recency_days=7,30,90,180&rfm_frequency=2,3,5,8&risk_largest_pct=15,30&risk_top5_pct=40,70';
  const { s, lang, bad } = readHash(hash, LANGS);
  assert.deepEqual(bad, []);
  assert.equal(lang, 'uk');
  assert.equal(writeHash(s, lang), hash);
  const o = toOptions(s, lang);
  assert.deepEqual(o.xyz_method, { client: 'variation', product: 'variation', manager: 'variation', branch: 'variation' });
  assert.deepEqual([o.xyz_frequency, o.xyz_variation, o.rfm_recency_days, o.rfm_frequency], [[80, 30], [12.5, 30], [7, 30, 90, 180], [2, 3, 5, 8]]);
  assert.deepEqual([o.abc_dimension, o.abc_measure, o.abcdx_measure, o.d_min_days, o.x_cost_ratio], ['manager', 'purchases', 'margin', 60, 0.8]);
  assert.ok(!Object.keys(o).some((k) => k.includes('.')));
  // Defaults write nothing; every rule of the core refuses what it refuses.
  assert.equal(writeHash(defaults(), 'en'), '#lang=en');
  assert.deepEqual(toOptions(defaults(), 'en').rfm_recency_days, null);
  const refused = {
    xyz_frequency: ['25,75', '75,0', '120,50', '75', '75,25,5', '-5,1'],
    xyz_variation: ['30,20', '10,1001'],
    xyz_min_periods: ['0', '101', '2.5', ''],
    abcdx_measure: ['quantity'],
    d_min_days: ['0', '3651'],
    d_interval_multiple: ['101', '1e2'],
    x_cost_ratio: ['0', '1001'],
    x_margin_pct: ['100.5'],
    quadrant_percentiles: ['50,101'],
    rfm_recency_days: ['30,30,60,90', '30,60,90', '1.5,2,3,4'],
    rfm_frequency: ['0,2,3,4'],
    risk_largest_pct: ['25,10', '0,10', '10,101'],
    risk_top5_pct: ['75,50'],
    abc_dimension: ['planet', 'Client'],
  };
  for (const [key, values] of Object.entries(refused)) {
    for (const v of values) assert.equal(parseValue(SPEC_BY_KEY[key], v), undefined, `${key}=${v}`);
    const r = readHash(`#${key}=${encodeURIComponent(values[0])}`, LANGS);
    assert.deepEqual(r.bad, [key]);
    assert.deepEqual(r.s.seg[key], defaults().seg[key]);
  }
  assert.equal(parseValue(SPEC_BY_KEY.rfm_recency_days, ''), null);
  assert.deepEqual(parseValue(SPEC_BY_KEY.rfm_recency_days, '7, 30 90;180'), [7, 30, 90, 180]);
  assert.deepEqual(readHash('#__proto__=1&constructor=x&toString=1', LANGS).bad, ['__proto__', 'constructor', 'toString']);
  // Win-back groups: four lists of cells, every cell in one; readable in the link.
  const groups = readHash('#winback_groups=AX,AY,BX,CX/AZ,BY//BZ,CY,CZ', LANGS);
  assert.deepEqual(groups.bad, []);
  assert.deepEqual(toOptions(groups.s, 'en').winback_groups, [['AX', 'AY', 'BX', 'CX'], ['AZ', 'BY'], [], ['BZ', 'CY', 'CZ']]);
  assert.equal(writeHash(groups.s, 'en'), '#lang=en&winback_groups=AX,AY,BX,CX/AZ,BY//BZ,CY,CZ');
  assert.deepEqual(toOptions(defaults(), 'en').winback_groups, [['AX', 'AY', 'BX'], ['AZ', 'BY', 'CX'], ['BZ', 'CY'], ['CZ']]);
  for (const v of ['AX,AY,BX/AZ,BY,CX/BZ,CY', 'AX,AX,AY,BX/AZ,BY,CX/BZ,CY/CZ', 'AX,AY,BX/AZ,BY,CX/BZ,CY/CZ/', 'AX,AY,BX,DX/AZ,BY,CX/BZ,CY/CZ']) {
    assert.equal(parseValue(SPEC_BY_KEY.winback_groups, v), undefined, v);
  }
});

test('a consultant preset: name and contact round-trip through the hash as plain text', async () => {
  const { readHash, writeHash, toOptions } = await import('../../www/settings.js');
  const { s, bad } = readHash('#by=%3Cb%3EAnna%3C%2Fb%3E%20Petrova&contact=%2B7%20900%20000-00-00%0Aevil', LANGS);
  assert.deepEqual(bad, []);
  assert.equal(s.by, '<b>Anna</b> Petrova');
  // A line break is a control character: it becomes a space.
  assert.equal(s.contact, '+7 900 000-00-00 evil');
  const again = readHash(writeHash(s, 'ru'), LANGS).s;
  assert.equal(again.by, s.by);
  assert.equal(again.contact, s.contact);
  assert.deepEqual(toOptions(s, 'ru').consultant, { name: s.by, contact: s.contact });
  // Longer than 120 characters: ignored and named, never cut silently.
  const long = readHash(`#by=${'x'.repeat(121)}`, LANGS);
  assert.deepEqual(long.bad, ['by']);
  assert.equal(long.s.by, '');
});

test('the link takes exactly what the core takes: every setting at its limits and one step past', async () => {
  // The cases and the core's verdicts are written by the core (`clientscope schema
  // --limits`; a Rust test keeps the committed file current). The page parses each
  // as a link and must agree, and read back the very value the config holds.
  const { readFileSync } = await import('node:fs');
  const { cases } = JSON.parse(readFileSync(new URL('../fixtures/settings_limits.json', import.meta.url)));
  const { readHash, toOptions, formatValue, SETTING } = await import('../../www/settings.js');
  const at = (o, key) => key.split('.').reduce((v, k) => v?.[k], o);
  assert.ok(cases.length > 150, `${cases.length} cases`);
  const keys = new Set(cases.map((c) => c.key));
  assert.deepEqual([...keys].sort(), Object.keys(SETTING).sort());
  for (const c of cases) {
    const d = SETTING[c.key];
    const hash = c.key === 'columns'
      ? `#${Object.entries(c.value).map(([role, h]) => `col.${role}=${encodeURIComponent(h)}`).join('&')}`
      : `#${d.hash}=${encodeURIComponent(formatValue(d, c.value))}`;
    const { s, lang, bad } = readHash(hash);
    const what = `${c.key} = ${JSON.stringify(c.value).slice(0, 80)} (core: ${c.accepted ? 'takes' : 'refuses'})`;
    assert.equal(bad.length === 0, c.accepted, what);
    if (!c.accepted) continue;
    const got = c.key === 'lang' ? lang : at(toOptions(s, 'en'), c.key);
    assert.deepEqual(got, c.value, what);
  }
});

test('the panel places every setting and words every rule from the schema, in three languages', async () => {
  const { SETTING, SPEC, ruleText } = await import('../../www/settings.js');
  const { UNPLACED, PANEL_KEYS, tkey } = await import('../../www/panel.js');
  assert.deepEqual(UNPLACED, []);
  for (const lang of LANGS) {
    const tr = (key, params) => t(lang, key, params);
    for (const d of [...SPEC, SETTING.window, SETTING.abc_thresholds]) {
      const rule = ruleText(d, tr);
      assert.ok(rule && !/[{}]|rule\./.test(rule), `${lang} ${d.key}: ${rule}`);
      if (d.kind === 'nums') assert.equal(tr(`rule.parts.${d.key}`).split(/,\s*/).length, d.n, `${lang} ${d.key}`);
      if (d.kind === 'int') assert.ok(rule.includes(String(d.max)), `${lang} ${d.key}: ${rule}`);
      // Each panel control has its label (a list, one per number).
      const labels = d.kind === 'nums' ? Array.from({ length: d.n }, (_, i) => `set.${tkey(d.key)}_${i}`) : [`set.${tkey(d.key)}`];
      if (PANEL_KEYS.includes(d.key)) for (const k of labels) assert.notEqual(t(lang, k), k, `${lang} ${k}`);
    }
  }
  const en = (key, params) => t('en', key, params);
  assert.equal(ruleText(SETTING.xyz_frequency, en), 'need 0 < Y < X ≤ 100');
  assert.equal(ruleText(SETTING.abc_thresholds, en), 'need 0 < A < B < 100');
  assert.equal(ruleText(SETTING.window, en), 'a whole number from 0 to 5200');
  assert.equal(ruleText(SETTING.overdue_levels, en), 'need 0 < watch ≤ at risk ≤ lost ≤ 1000');
  assert.equal(ruleText(SETTING.rfm_frequency, en), '4 whole numbers from 1 to 1000000, each larger than the one before, or empty');
  assert.equal(ruleText(SETTING.x_cost_ratio, t.bind(null, 'ru')), 'нужно 0 < x ≤ 1000');
});
