// The page: reads settings from the URL hash, sends the file to the worker, and
// renders the Report. It computes nothing; every figure comes from the Report.
// Untrusted text (file contents, the hash) only ever goes into textContent.
import { analyze, analyzeDemo, cancelAll, preload, downloads, charts } from './clientscope.js';
import { LANGS, pickLang, t } from './i18n.js';
import { ROLES, SPEC_BY_KEY, SETTING, ENCODINGS, allows, defaults, parseValue, presetText, ruleText, readHash as parseHash, writeHash as hashOf, toOptions } from './settings.js';
import { buildPanel, showPanel, readPanel, tkey } from './panel.js';
import { renderResults } from './views/index.js';
import { el, markScrollable, cardSummaries, fitTiles } from './views/dom.js';
import { columnsPanel } from './views/input.js';
import { setCharts, clearCharts, fillCharts } from './views/charts.js';
import { forgetPick } from './views/clients.js';

const $ = (id) => document.getElementById(id);
// customAbc: the user picked "custom" and keeps the bound fields open even when the
// values typed happen to equal a preset.
// fresh: the next results are of a new file (or follow an error): the settings fold
// away and the focus moves to the results.
const state = { lang: 'en', s: defaults(), source: null, report: null, job: 0, customAbc: false, fresh: false };

// ---- settings in the hash -------------------------------------------------

/** Reads the hash against an allowlist; returns the names of values it ignored. */
const readHash = () => parseHash(location.hash, LANGS);

function writeHash() {
  history.replaceState(null, '', hashOf(state.s, state.lang));
}

const options = () => toOptions(state.s, state.lang);

// ---- running ----------------------------------------------------------------

async function run() {
  if (!state.source) return;
  cancelAll();
  const job = ++state.job;
  document.body.dataset.state = 'loading';
  $('alert').hidden = true;
  $('busy').hidden = false;
  setProgress(0, state.source === 'demo' ? 1 : state.source.size);
  // The clients stay in the worker: the lists ask it for the rows they show.
  const opts = { ...options(), rowsOnRequest: true, onProgress: (done, total) => job === state.job && setProgress(done, total) };
  try {
    const report = state.source === 'demo' ? await analyzeDemo(opts) : await analyze(state.source, opts);
    if (job !== state.job) return;
    state.report = report;
    clearCharts();
    $('busy').hidden = true;
    // Rendered in steps; a newer analysis or rendering takes over from this one.
    if (!(await renderAll()) || job !== state.job) return;
    document.body.dataset.state = 'done';
    if (state.fresh) {
      state.fresh = false;
      // The settings card gives the screen to the results (one click reopens it),
      // and the keyboard starts at the results' heading.
      $('settings').open = false;
      $('results-title')?.focus();
    }
    showCharts(job);
  } catch (err) {
    if (job !== state.job || err.code === 'cancelled') return;
    $('busy').hidden = true;
    state.report = null;
    clearCharts();
    const focused = document.activeElement?.closest('#results') ? document.activeElement.id : '';
    rendering += 1; // a rendering still under way stops
    $('results').replaceChildren();
    // Messages arrive in the UI language: from the core, or from the worker for bugs.
    showAlert(err.message);
    document.body.dataset.state = 'error';
    // Not a dead end: the column panel opens on the file's header and first rows.
    if (err.code === 'missing_columns' && err.headers?.length) {
      showMissing(err);
      // The panel is the task now; the settings (the encoding, say) are one click away.
      $('settings').open = false;
      state.fresh = true;
      if (focused && $(focused)) $(focused).focus();
      else $('results-title')?.focus();
    }
  }
}

/** The missing-columns error: the file's header and first rows with a role picker
 *  under each header; a pick reruns the analysis (setRole). */
function showMissing(err) {
  const tr = (k, p) => t(state.lang, k, p);
  const info = { headers: err.headers, preview: err.preview ?? [], columns: state.s.cols };
  $('results').replaceChildren(el('section', { class: 'card', id: 'fix-columns' },
    el('h2', { id: 'results-title', tabindex: '-1' }, tr('missingTitle')),
    el('p', {}, tr('missingHint')),
    (err.missing ?? []).length > 0 && el('p', { class: 'note', id: 'missing-roles' },
      tr('missingStill', { roles: err.missing.map((role) => tr(`role.${role}`)).join(', ') })),
    columnsPanel(info, tr, { roles: ROLES, onRole: setRole }, { open: true })));
  markScrollable($('results'));
}

/** The charts come after the figures: the page is usable while the core draws them.
 *  `data-charts` says when they are in place (the tests wait for it). */
async function showCharts(job) {
  document.body.dataset.charts = 'drawing';
  try {
    // A phone gets the charts laid out for its width: the wide ones would shrink
    // their text to half (views/charts.js shows whichever came).
    const list = await charts({ lang: state.lang, narrow: matchMedia('(max-width: 640px)').matches });
    if (job !== state.job) return;
    setCharts(list);
    fillCharts($('results'));
    document.body.dataset.charts = 'done';
  } catch (err) {
    if (job !== state.job || err.code === 'cancelled') return;
    document.body.dataset.charts = 'error';
    notice(err.message);
  }
}

function showAlert(text) {
  const alert = $('alert');
  alert.textContent = text;
  alert.hidden = false;
}

function setProgress(done, total) {
  const bar = $('progress');
  bar.max = Math.max(total, 1);
  bar.value = done;
  const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
  $('progress-text').textContent = t(state.lang, 'progress', { done: mb(done), total: mb(total) });
}

function setSource(source) {
  state.source = source;
  state.fresh = true;
  // A new file keeps the settings and the column choices (they name headers, and a
  // header the file lacks is reported as a warning), but not the last file's sheet.
  if (source !== 'demo') state.s.sheet = '';
  forgetPick();
  writeHash();
  run();
}

// ---- rendering --------------------------------------------------------------

function renderStatic() {
  document.documentElement.lang = state.lang;
  document.title = t(state.lang, 'title');
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(state.lang, node.dataset.t);
  for (const node of document.querySelectorAll('[data-t-placeholder]')) node.placeholder = t(state.lang, node.dataset.tPlaceholder);
  for (const node of document.querySelectorAll('[data-t-title]')) node.title = t(state.lang, node.dataset.tTitle);
  // Each language's own name (the catalogue's langName), whatever the page's language.
  for (const node of document.querySelectorAll('option[data-t-own]')) node.textContent = t(node.value, node.dataset.tOwn);
  $('lang').value = state.lang;
  const s = state.s;
  const preset = !state.customAbc && ['80,95', '50,80'].includes(s.abc.join(',')) ? s.abc.join(',') : 'custom';
  $('abc-preset').value = preset;
  $('abc-a').value = s.abc[0];
  $('abc-b').value = s.abc[1];
  for (const el of document.querySelectorAll('.custom')) el.hidden = preset !== 'custom';
  $('period').value = s.period;
  $('window').value = s.window;
  $('asof').value = s.asof;
  $('encoding').value = s.enc;
  $('preset-by').value = s.by;
  $('preset-contact').value = s.contact;
  // A consultant's link shows who prepared it; text only, never markup.
  const byLine = [s.by, s.contact].filter(Boolean).join(' · ');
  $('preset').hidden = !byLine;
  $('preset').textContent = byLine ? t(state.lang, 'presetLine', { who: byLine }) : '';
  showPanel($('seg-settings'), s.seg);
}

/** Counts renderings: one that a newer one replaced stops at its next step. */
let rendering = 0;

/** Renders the settings and the results, the results in steps (each a task of its
 *  own: renderResults); resolves true once they are all in place. */
async function renderAll() {
  const token = ++rendering;
  const live = () => token === rendering;
  renderStatic();
  const r = state.report;
  const sheets = r?.input?.sheets ?? [];
  $('sheet-label').hidden = sheets.length < 2;
  $('sheet').replaceChildren(...sheets.map((name) => Object.assign(document.createElement('option'), { value: name, textContent: name })));
  if (r?.input?.sheet) $('sheet').value = r.input.sheet;
  if (!r) return false;
  // The results are built anew; a control inside them that had the focus keeps it.
  const focused = document.activeElement?.closest('#results') ? document.activeElement.id : '';
  const ctx = { roles: ROLES, settings: state.s, onRole: setRole, onDownload: download, onSetting: setSetting, onEditWinback: editWinback };
  if (!(await renderResults($('results'), r, state.lang, ctx, live))) return false;
  fillCharts($('results'));
  cardSummaries($('results'));
  fitTiles($('results'));
  markScrollable($('results'));
  if (focused) $(focused)?.focus({ preventScroll: true });
  return true;
}

/** "Change the groups" in the win-back view: opens the settings at their pickers. */
function editWinback() {
  $('settings').open = true;
  $('seg-details').open = true;
  $('set-winback').scrollIntoView({ behavior: 'smooth', block: 'center' });
  $('set-winback_groups-AX')?.focus({ preventScroll: true });
}

/** A segmentation setting changed from a view (ABC dimension and measure). */
function setSetting(key, value) {
  if (!Object.hasOwn(SPEC_BY_KEY, key)) return;
  state.s.seg[key] = value;
  notice('');
  writeHash();
  run();
}

function setRole(role, header) {
  // One column plays one role: drop other roles pointing at the same header.
  for (const [k, v] of Object.entries(state.s.cols)) if (v === header && k !== role) delete state.s.cols[k];
  if (role) state.s.cols[role] = header;
  writeHash();
  run();
}

/** Builds the downloads in the worker and saves the one whose name ends with
 *  `suffix` ("-clients.csv", "-winback-1.csv", ".xlsx") through a blob: URL: no request.
 *  A workbook of 100 000 clients takes seconds: the button says so meanwhile. */
async function download(suffix, delimiter, button) {
  const label = button?.textContent;
  if (button) {
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = t(state.lang, 'dlPreparing');
  }
  try {
    const files = await downloads(delimiter, { lang: state.lang, only: suffix });
    const file = files.find((f) => f.name.endsWith(suffix));
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mime }));
    const a = Object.assign(document.createElement('a'), { href: url, download: file.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    notice(err.message);
  } finally {
    if (button) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = label;
    }
  }
}

/** A value against the rule: says which rule (in words made from the schema's
 *  limits) and that the previous value is kept. */
function badValue(d, label, old) {
  const tr = (key, params) => t(state.lang, key, params);
  notice(tr('badSetting', {
    name: tr(label),
    rule: ruleText(d, tr),
    old: old == null ? tr('quintiles') : Array.isArray(old) ? old.join(' / ') : old,
  }));
}

/** The form's limits and choices come from the schema, as the panel's do. */
function buildForm() {
  const option = (value) => Object.assign(document.createElement('option'), { value, textContent: value });
  // Period names are texts (data-t: week, month, quarter); encodings are their labels.
  $('period').replaceChildren(...SETTING.period.values.map((v) => {
    const o = option(v);
    o.dataset.t = v;
    return o;
  }));
  $('encoding').append(...ENCODINGS.map((v) => option(v)));
  Object.assign($('window'), { min: SETTING.window.min, max: SETTING.window.max });
  for (const id of ['abc-a', 'abc-b']) Object.assign($(id), { min: SETTING.abc_thresholds.min.value, max: SETTING.abc_thresholds.max.value });
  for (const id of ['preset-by', 'preset-contact']) $(id).maxLength = SETTING['consultant.name'].max_chars;
}

function notice(text) {
  const n = $('notice');
  n.textContent = text;
  n.hidden = !text;
}

// ---- wiring -----------------------------------------------------------------

function wire() {
  $('file').addEventListener('change', (e) => {
    const file = e.target.files[0];
    // Cleared so that picking the same file again (say, after fixing it) reads it again.
    e.target.value = '';
    if (file) setSource(file);
  });
  // A file dropped anywhere on the page is taken (and the browser does not navigate
  // away to it); the drop zone lights up while something is dragged over the page.
  const drop = $('drop');
  const dragging = (e) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  for (const ev of ['dragenter', 'dragover']) window.addEventListener(ev, (e) => {
    if (!dragging(e)) return; // text dragged into the search box behaves as usual
    e.preventDefault();
    drop.classList.add('over');
  });
  // relatedTarget is null only when the pointer leaves the window itself.
  window.addEventListener('dragleave', (e) => { if (!e.relatedTarget) drop.classList.remove('over'); });
  window.addEventListener('drop', (e) => {
    drop.classList.remove('over');
    if (!dragging(e)) return;
    e.preventDefault();
    const f = e.dataTransfer?.files?.[0];
    if (f) setSource(f);
  });
  $('demo').addEventListener('click', () => setSource('demo'));
  // A wide table that scrolls sideways takes the keyboard focus (checked as the layout changes).
  let resized = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resized);
    resized = setTimeout(() => { fitTiles($('results')); markScrollable($('results')); }, 150);
  });
  $('results').addEventListener('toggle', () => markScrollable($('results')), true);
  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    writeHash();
    renderAll();
    run(); // messages from the core follow the language
  });
  const changed = () => { writeHash(); renderStatic(); run(); };
  for (const [id, key] of [['preset-by', 'by'], ['preset-contact', 'contact']]) {
    $(id).addEventListener('change', (e) => {
      state.s[key] = presetText(e.target.value);
      changed();
    });
  }
  $('abc-preset').addEventListener('change', (e) => {
    state.customAbc = e.target.value === 'custom';
    if (state.customAbc) {
      // Nothing changes until the bounds are typed in: just show the two fields.
      renderStatic();
      $('abc-a').focus();
      return;
    }
    state.s.abc = e.target.value.split(',').map(Number);
    changed();
  });
  for (const id of ['abc-a', 'abc-b']) $(id).addEventListener('change', () => {
    // Rounded as the hash keeps them (6 decimals), so a shared link restores them.
    const bound = (id) => Math.round(Number($(id).value) * 1e6) / 1e6;
    const v = [bound('abc-a'), bound('abc-b')];
    const ok = allows(SETTING.abc_thresholds, v);
    for (const el of [$('abc-a'), $('abc-b')]) el.setAttribute('aria-invalid', String(!ok));
    if (ok) { state.s.abc = v; notice(''); changed(); }
    else badValue(SETTING.abc_thresholds, 'abcPreset', state.s.abc);
  });
  $('period').addEventListener('change', (e) => { state.s.period = e.target.value; changed(); });
  $('window').addEventListener('change', (e) => {
    const w = parseValue(SETTING.window, e.target.value);
    e.target.setAttribute('aria-invalid', String(w === undefined));
    if (w !== undefined) { state.s.window = w; notice(''); changed(); }
    else badValue(SETTING.window, 'window', state.s.window);
  });
  $('asof').addEventListener('change', (e) => { state.s.asof = e.target.value; changed(); });
  $('encoding').addEventListener('change', (e) => { state.s.enc = e.target.value; changed(); });
  // Segmentation settings: checked by the core's rules as typed; a bad value keeps
  // the previous one and says why.
  $('seg-settings').addEventListener('change', (e) => {
    const key = e.target.dataset?.setting;
    if (!key) return;
    const v = readPanel($('seg-settings'), key);
    if (v === undefined) {
      badValue(SPEC_BY_KEY[key], `set.${tkey(key)}`, state.s.seg[key]);
      return;
    }
    state.s.seg[key] = v;
    notice('');
    changed();
  });
  $('sheet').addEventListener('change', (e) => { state.s.sheet = e.target.value; state.s.cols = {}; changed(); });
  $('copy-link').addEventListener('click', async () => {
    writeHash();
    try {
      await navigator.clipboard.writeText(location.href);
      notice(t(state.lang, 'linkCopied'));
    } catch {
      notice(location.href);
    }
  });
  window.addEventListener('hashchange', () => {
    const { s, lang, bad } = readHash();
    state.s = s;
    state.customAbc = false;
    if (lang) state.lang = lang;
    notice(bad.length ? t(state.lang, 'badHash', { keys: bad.join(', ') }) : '');
    renderAll();
    run();
  });
}

// The service worker (../sw.js) caches the app so it opens offline next time. The
// page counts as ready once it is installed, so its one-time caching is part of
// loading. Where service workers are unavailable (file:, some embeds) the app just
// works online; a slow install never holds the page back more than a few seconds.
function offlineReady() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return Promise.resolve();
  const installed = navigator.serviceWorker
    .register(new URL('../sw.js', import.meta.url))
    .then(() => navigator.serviceWorker.ready)
    .catch(() => {});
  return Promise.race([installed, new Promise((ok) => setTimeout(ok, 5000))]);
}

function start() {
  buildForm();
  buildPanel($('seg-settings'));
  const { s, lang, bad } = readHash();
  state.s = s;
  state.lang = lang ?? pickLang();
  renderStatic();
  // A link with segmentation settings shows them.
  if (Object.keys(s.seg).some((k) => new RegExp(`[#&]${k.replace('.', '\\.')}=`).test(location.hash))) $('seg-details').open = true;
  if (bad.length) notice(t(state.lang, 'badHash', { keys: bad.join(', ') }));
  wire();
  writeHash();
  // Everything the page will ever fetch is fetched now: after this, no request.
  // The service worker comes after the wasm, so it copies what the page loaded.
  preload({ lang: state.lang }).then(offlineReady).then(
    () => { document.body.dataset.ready = 'true'; },
    (err) => showAlert(err.message),
  );
}

start();
