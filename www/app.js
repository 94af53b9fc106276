// The page: reads settings from the URL hash, sends the file to the worker, and
// renders the Report. It computes nothing; every figure comes from the Report.
// Untrusted text (file contents, the hash) only ever goes into textContent.
import { analyze, analyzeDemo, cancelAll, preload, downloads } from './clientscope.js';
import { LANGS, pickLang, t } from './i18n.js';
import { renderResults } from './view.js';

const ROLES = ['date', 'client', 'amount', 'quantity', 'price', 'order', 'product', 'category', 'manager', 'branch', 'cost', 'profit', 'cost_to_serve', 'potential', 'nps', 'reason', 'channel'];
const DEFAULTS = { abc: [80, 95], period: 'month', window: 12, asof: '', enc: '', sheet: '' };
const ENCODINGS = ['UTF-8', 'windows-1251', 'KOI8-R', 'IBM866', 'UTF-16LE', 'UTF-16BE', 'windows-1252'];

const $ = (id) => document.getElementById(id);
// customAbc: the user picked "custom" and keeps the bound fields open even when the
// values typed happen to equal a preset.
const state = { lang: 'en', s: { ...DEFAULTS, cols: {} }, source: null, report: null, job: 0, customAbc: false };

// ---- settings in the hash -------------------------------------------------

/** Reads the hash against an allowlist; returns the names of values it ignored. */
function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  const s = { ...DEFAULTS, cols: {} };
  const bad = [];
  let lang = null;
  for (const [key, value] of params) {
    const ok = (() => {
      switch (key) {
        case 'lang': return LANGS.includes(value) && (lang = value);
        case 'abc': {
          // Two percents such as `50,80` or `72.5,90`, 0 < A < B < 100.
          if (!/^\d{1,2}(\.\d{1,6})?,\d{1,2}(\.\d{1,6})?$/.test(value)) return false;
          const [a, b] = value.split(',').map(Number);
          return a > 0 && a < b && b < 100 && (s.abc = [a, b]);
        }
        case 'period': return ['week', 'month', 'quarter'].includes(value) && (s.period = value);
        case 'window': return /^\d{1,3}$/.test(value) && Number(value) <= 520 && ((s.window = Number(value)), true);
        case 'asof': return isDate(value) && (s.asof = value);
        case 'enc': return ENCODINGS.includes(value) && (s.enc = value);
        case 'sheet': return value.length <= 100 && ((s.sheet = value), true);
        default:
          if (key.startsWith('col.') && ROLES.includes(key.slice(4)) && value.length <= 200) {
            s.cols[key.slice(4)] = value;
            return true;
          }
          return false;
      }
    })();
    if (!ok) bad.push(key.length > 40 ? `${key.slice(0, 40)}…` : key);
  }
  return { s, lang, bad };
}

/** A real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
function isDate(text) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function writeHash() {
  const p = new URLSearchParams();
  p.set('lang', state.lang);
  const s = state.s;
  if (String(s.abc) !== String(DEFAULTS.abc)) p.set('abc', s.abc.join(','));
  if (s.period !== DEFAULTS.period) p.set('period', s.period);
  if (s.window !== DEFAULTS.window) p.set('window', String(s.window));
  if (s.asof) p.set('asof', s.asof);
  if (s.enc) p.set('enc', s.enc);
  if (s.sheet) p.set('sheet', s.sheet);
  for (const [role, header] of Object.entries(s.cols)) p.set(`col.${role}`, header);
  // Commas are legal in a fragment; unescaped, `abc=50,80` reads as it is written.
  history.replaceState(null, '', `#${String(p).replace(/%2C/gi, ',')}`);
}

function options() {
  const s = state.s;
  return {
    lang: state.lang,
    abc_thresholds: s.abc,
    period: s.period,
    window: s.window,
    as_of: s.asof || null,
    encoding: s.enc || null,
    sheet: s.sheet || null,
    columns: s.cols,
  };
}

// ---- running ----------------------------------------------------------------

async function run() {
  if (!state.source) return;
  cancelAll();
  const job = ++state.job;
  document.body.dataset.state = 'loading';
  $('alert').hidden = true;
  $('busy').hidden = false;
  setProgress(0, state.source === 'demo' ? 1 : state.source.size);
  const opts = { ...options(), onProgress: (done, total) => job === state.job && setProgress(done, total) };
  try {
    const report = state.source === 'demo' ? await analyzeDemo(opts) : await analyze(state.source, opts);
    if (job !== state.job) return;
    state.report = report;
    $('busy').hidden = true;
    renderAll();
    document.body.dataset.state = 'done';
  } catch (err) {
    if (job !== state.job || err.code === 'cancelled') return;
    $('busy').hidden = true;
    state.report = null;
    $('results').replaceChildren();
    // Messages arrive in the UI language: from the core, or from the worker for bugs.
    showAlert(err.message);
    document.body.dataset.state = 'error';
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
  // A new file keeps the settings and the column choices (they name headers, and a
  // header the file lacks is reported as a warning), but not the last file's sheet.
  if (source !== 'demo') state.s.sheet = '';
  writeHash();
  run();
}

// ---- rendering --------------------------------------------------------------

function renderStatic() {
  document.documentElement.lang = state.lang;
  document.title = t(state.lang, 'title');
  for (const node of document.querySelectorAll('[data-t]')) node.textContent = t(state.lang, node.dataset.t);
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
}

function renderAll() {
  renderStatic();
  const r = state.report;
  const sheets = r?.input?.sheets ?? [];
  $('sheet-label').hidden = sheets.length < 2;
  $('sheet').replaceChildren(...sheets.map((name) => Object.assign(document.createElement('option'), { value: name, textContent: name })));
  if (r?.input?.sheet) $('sheet').value = r.input.sheet;
  if (r) renderResults($('results'), r, state.lang, { roles: ROLES, onRole: setRole, onDownload: download });
}

function setRole(role, header) {
  // One column plays one role: drop other roles pointing at the same header.
  for (const [k, v] of Object.entries(state.s.cols)) if (v === header && k !== role) delete state.s.cols[k];
  if (role) state.s.cols[role] = header;
  writeHash();
  run();
}

const SUFFIX = { clients: '-clients.csv', xlsx: '.xlsx', html: '-report.html' };

/** Builds the file in the worker and saves it through a blob: URL: no request. */
async function download(kind, delimiter) {
  try {
    const files = await downloads(delimiter, { lang: state.lang });
    const file = files.find((f) => f.name.endsWith(SUFFIX[kind]));
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.bytes], { type: file.mime }));
    const a = Object.assign(document.createElement('a'), { href: url, download: file.name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    notice(err.message);
  }
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
  $('lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    writeHash();
    renderAll();
    run(); // messages from the core follow the language
  });
  const changed = () => { writeHash(); renderStatic(); run(); };
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
    const a = bound('abc-a');
    const b = bound('abc-b');
    const ok = a > 0 && a < b && b < 100;
    for (const el of [$('abc-a'), $('abc-b')]) el.setAttribute('aria-invalid', String(!ok));
    if (ok) { state.s.abc = [a, b]; notice(''); changed(); }
    else notice(t(state.lang, 'badBounds', { a: state.s.abc[0], b: state.s.abc[1] }));
  });
  $('period').addEventListener('change', (e) => { state.s.period = e.target.value; changed(); });
  $('window').addEventListener('change', (e) => {
    const w = Number(e.target.value);
    const ok = e.target.value !== '' && Number.isInteger(w) && w >= 0 && w <= 520;
    e.target.setAttribute('aria-invalid', String(!ok));
    if (ok) { state.s.window = w; notice(''); changed(); }
    else notice(t(state.lang, 'badWindow', { w: state.s.window }));
  });
  $('asof').addEventListener('change', (e) => { state.s.asof = e.target.value; changed(); });
  $('encoding').addEventListener('change', (e) => { state.s.enc = e.target.value; changed(); });
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
  const { s, lang, bad } = readHash();
  state.s = s;
  state.lang = lang ?? pickLang();
  renderStatic();
  if (bad.length) notice(t(state.lang, 'badHash', { keys: bad.join(', ') }));
  wire();
  writeHash();
  // Everything the page will ever fetch is fetched now: after this, no request.
  Promise.all([preload({ lang: state.lang }), offlineReady()]).then(
    () => { document.body.dataset.ready = 'true'; },
    (err) => showAlert(err.message),
  );
}

start();
