// Clientscope for embedding: `analyze(file, options)` runs the analysis in a Web
// Worker and resolves with the Report (the same object the CLI prints as JSON).
//
//   import { analyze } from './www/clientscope.js';
//   const report = await analyze(file, { lang: 'ru', onProgress: (done, total) => {} });
//
// Options are the Report settings (lang, as_of, period, window, abc_thresholds,
// encoding, sheet, columns, and the segmentation keys of a `--config` file such as
// abc_measure or xyz_frequency) plus `onProgress(done, total)`, `onStats(stats)`
// and `workers` (how many workers may read a large file at once: by default the
// machine's cores, at most 4; the Report is the same with any number).
// With `rowsOnRequest: true` the Report resolves with `clients: []` and its clients
// stay in the worker: `clientPage(query)` and `clientRows(ids)` fetch the rows to
// show (the page does this: holding 100 000 client rows kept its thread busy).
// Errors reject as an Error with `.code` (e.g. "no_client_column") and a `.message`
// in `options.lang`; a "missing_columns" error also has `.headers` (the file's
// header as found), `.preview` (its first rows) and `.missing` (role keys), to ask
// the user which column is which and pass the answer as `columns`. A newer analysis cancels an older one still running (the older
// promise rejects with code "cancelled"): one worker, one file at a time.
import { t, CATALOGUE } from './i18n.js';
import { figure, shortfallText } from './views/headline.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
let worker = null;
let nextId = 1;
/** id -> {resolve, reject, lang, analysis, onProgress, onStats, split?} */
const pending = new Map();
/** Workers that read the later parts of a split file, started on the first split. */
const helpers = [];
/** Helper request id -> {progress(done), done(bytes), fail()} */
const partJobs = new Map();
/** At most this many workers read one file: past it, memory grows more than time falls. */
const MAX_WORKERS = 4;

const failure = (code, message) => Object.assign(new Error(message), { code });

/** The worker's own failures, worded here in the request's language: the worker
 *  loads no texts, so the page fetches the catalogue once. */
const WORKER_TEXTS = {
  no_report: (lang) => t(lang, 'noReport'),
  read_failed: (lang) => t(lang, 'readFailed'),
  file_trap: (lang) => t(lang, 'fileTrap'),
  internal: (lang) => t(lang, 'internal'),
  bad_input: (lang) => t(lang, 'badInput'),
};
/** The message of a worker's `error` in `lang`: the core's come worded already, the
 *  worker's own are a code and a detail. */
export function failureMessage(lang, { code, message, detail }) {
  return message ?? `${(WORKER_TEXTS[code] ?? WORKER_TEXTS.internal)(lang)}${detail ? ` (${detail})` : ''}`;
}

/** A worker with the texts handed over first: the wasm does not carry them. */
let catalogueJson = null;
function newWorker() {
  const w = new Worker(WORKER_URL, { type: 'module' });
  catalogueJson ??= JSON.stringify(CATALOGUE);
  w.postMessage({ type: 'catalogue', json: catalogueJson });
  return w;
}

function spawn() {
  const w = newWorker();
  w.onmessage = ({ data: m }) => {
    const job = pending.get(m.id);
    if (!job) return; // a request that was cancelled meanwhile
    if (m.type === 'progress') {
      progress(job, 0, m.done, m.total, m.whole);
      return;
    }
    if (m.type === 'handover') {
      startParts(m.id, job, m.handover, m.cuts);
      return;
    }
    if (m.type === 'clients') {
      // The Report's clients arrive in slices ahead of the rest (see worker.js).
      (job.clients ??= []).push(m.clients);
      return;
    }
    pending.delete(m.id);
    stopParts(job);
    if (m.type === 'result') {
      // The helpers' linear memory, summed (each helper's only grows).
      job.onStats?.({ ...m.stats, helpers_wasm_memory_bytes: job.split?.memory ?? 0, received_at: performance.timeOrigin + performance.now() });
      job.resolve(job.clients ? { ...m.report, clients: job.clients.flat() } : m.report);
    } else if (m.type === 'rows') {
      job.resolve(m.rows);
    } else if (m.type === 'bytes') {
      job.resolve(m.bytes);
    } else if (m.type === 'files') {
      job.onStats?.(m.stats);
      job.resolve(m.files);
    } else if (m.type === 'charts') {
      job.resolve(m.charts);
    } else if (m.type === 'pong') {
      job.resolve(true);
    } else {
      const { code, message, detail, ...details } = m.error;
      job.reject(Object.assign(failure(code, failureMessage(job.lang, { code, message, detail })), details));
      if (m.fatal) restart();
    }
  };
  // The worker itself failed: its script or the wasm did not load, or it crashed.
  w.onerror = (e) => {
    e.preventDefault?.();
    restart(e.message || 'worker failed');
  };
  return w;
}

/** Drops the worker (the next request starts a fresh one); whatever it still owed
 *  is rejected, so no promise waits forever. */
function restart(detail = 'worker restarted') {
  worker?.terminate();
  worker = null;
  const jobs = [...pending.values()];
  pending.clear();
  for (const job of jobs) {
    stopParts(job);
    job.reject(failure('internal', `${t(job.lang, 'internal')} (${detail})`));
  }
}

/** One progress bar over all parts: the bytes each part has read, summed. */
function progress(job, part, done, total, whole) {
  if (!job.split) return job.onProgress?.(done, total);
  if (whole) job.split.done.fill(0);
  job.split.done[part] = done;
  job.onProgress?.(Math.min(total, job.split.done.reduce((a, b) => a + b, 0)), total);
}

function spawnHelper(k) {
  const w = newWorker();
  const lost = () => {
    w.terminate();
    if (helpers[k] === w) helpers[k] = undefined;
  };
  w.onmessage = ({ data: m }) => {
    const part = partJobs.get(m.id);
    if (!part) return;
    if (m.type === 'progress') return part.progress(m.done);
    partJobs.delete(m.id);
    if (m.type === 'part-result') return part.done(m.pieces, m.wasm_memory_bytes);
    // The first worker reads the file again alone and says what went wrong, as one worker would.
    part.fail();
    if (m.fatal) lost();
  };
  w.onerror = (e) => {
    e.preventDefault?.();
    lost();
    for (const [id, part] of partJobs) if (part.worker === w) { partJobs.delete(id); part.fail(); }
  };
  return w;
}

/** The first worker has settled the dialect: the helpers read the other parts, and
 *  their results go back to it in file order (null when one failed). */
function startParts(id, job, handover, cuts) {
  const results = new Array(cuts.length);
  let left = cuts.length;
  let failed = false;
  job.split = { done: new Array(cuts.length + 1).fill(0), ids: [], memory: 0 };
  const settle = () => {
    if (--left > 0 || !pending.has(id)) return;
    const parts = failed ? null : results.map((pieces) => pieces.map((p) => p.buffer));
    worker?.postMessage({ type: 'parts', id, parts }, parts?.flat() ?? []);
  };
  cuts.forEach((cut, k) => {
    const w = (helpers[k] ??= spawnHelper(k));
    const hid = nextId++;
    job.split.ids.push([w, hid]);
    partJobs.set(hid, {
      worker: w,
      progress: (done) => progress(job, k + 1, done, job.size),
      done: (pieces, memory) => { results[k] = pieces; job.split.memory += memory; settle(); },
      fail: () => { failed = true; settle(); },
    });
    w.postMessage({ type: 'part', id: hid, file: job.file, options: job.settings, handover, cut, end: cuts[k + 1] });
  });
}

/** The analysis ended: the helpers stop whatever part of it they still read. */
function stopParts(job) {
  for (const [w, hid] of job.split?.ids ?? []) {
    if (partJobs.delete(hid)) w.postMessage({ type: 'cancel', id: hid });
  }
}

function send(msg, hooks = {}) {
  worker ??= spawn();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, ...hooks });
    worker.postMessage({ ...msg, id });
  });
}

/** Settings only: functions stay here, data never goes into options. */
function plain(options) {
  const { onProgress, onStats, workers, rowsOnRequest, ...rest } = options ?? {};
  const settings = JSON.parse(JSON.stringify(rest));
  return { settings, workers, rowsOnRequest: rowsOnRequest === true, hooks: { onProgress, onStats, lang: settings.lang, analysis: true } };
}

const readable = (x) => x instanceof Blob || x instanceof ArrayBuffer || ArrayBuffer.isView(x);

/** Analyzes a File, Blob, ArrayBuffer or Uint8Array (any typed array or DataView). */
export function analyze(input, options = {}) {
  const { settings, workers, rowsOnRequest, hooks } = plain(options);
  if (!readable(input)) return Promise.reject(failure('bad_input', t(settings.lang, 'badInput')));
  const n = Math.max(1, Math.min(workers ?? navigator.hardwareConcurrency ?? 1, MAX_WORKERS));
  const split = { file: input, settings, size: input.size ?? input.byteLength };
  return send({ type: 'analyze', file: input, options: settings, workers: n, rowsOnRequest }, { ...hooks, ...split });
}

/** Analyzes the built-in demo dataset (generated inside the wasm: no download). */
export function analyzeDemo(options = {}) {
  const { settings, rowsOnRequest, hooks } = plain(options);
  return send({ type: 'demo', options: settings, rowsOnRequest }, hooks);
}

/** Starts the worker and loads the wasm now, so nothing is fetched later. */
export function preload({ lang } = {}) {
  return send({ type: 'ping', lang }, { lang });
}

/** The downloads of the last finished analysis: [{name, mime, bytes}].
 *  `delimiter` of the CSV lists: ';' (Excel in Russian/Ukrainian locales), ',' or
 *  '' (the language's: ';' for ru and uk, ',' for en).
 *  `only`: a file-name ending (say '-leaving.csv') to build just that file.
 *  `onStats({ms, wasm_memory_bytes})`: what building them took. */
export function downloads(delimiter = '', { lang, only = '', onStats } = {}) {
  return send({ type: 'downloads', delimiter, lang, only }, { lang, onStats });
}

/** The charts of the last finished analysis, drawn by the core as SVG (the same
 *  ones the HTML report inlines): [{name, title, svg}], titles in the analysis'
 *  language. `narrow`: laid out for a phone's width (about 340 px to show them
 *  in), with text that stays legible there. */
export function charts({ lang, narrow = false } = {}) {
  return send({ type: 'charts', lang, narrow: Boolean(narrow) }, { lang });
}

/** One page of the last finished analysis' clients, sorted, searched and filtered
 *  by the core (crate/src/client_list.rs): `{total, rows}`. query: {sort (a client
 *  field), descending, search, abc ("none": no purchase in the window), xyz, abcdx,
 *  rfm, quadrant, manager, lifecycle, moved: {which: 'previous' | 'year_ago', from,
 *  to}, period: {k, cell}, from, count}. */
export function clientPage(query, { lang } = {}) {
  return send({ type: 'client-page', query }, { lang });
}

/** The rows of the clients named, in that order (null for a name the Report lacks). */
export function clientRows(ids, { lang } = {}) {
  return send({ type: 'client-rows', ids }, { lang });
}

/** The Report's words in `lang` ('ru', 'uk', 'en'), as the page and the HTML report
 *  write them: numbers, money (in the file's currency) and dates in the language's
 *  format, plural forms right. `{headlines: [{section, text}], findings: [{code,
 *  text, action}] (largest money first), sufficiency: [{analysis, text}]}` (what the
 *  data are too thin to show). Needs no worker: it reads the Report it is given. */
export function words(report, { lang = 'en' } = {}) {
  const tr = (key, params) => t(lang, key, params);
  // A sentence's figures as text; `count` picks the plural form (views/headline.js).
  const params = (h) => {
    const p = Object.fromEntries(Object.entries(h.figures).map(([k, f]) => [k, figure(f, report, lang, tr)]));
    if (h.figures.n?.count != null) p.count = h.figures.n.count;
    return p;
  };
  return {
    headlines: (report.headlines ?? []).map((h) => ({ section: h.section, text: tr(h.key, params(h)) })),
    findings: (report.findings ?? []).map((f) => ({ code: f.code, text: tr(f.headline.key, params(f.headline)), action: tr(f.action, params(f.headline)) })),
    sufficiency: (report.sufficiency ?? []).map((s) => ({ analysis: s.analysis, text: shortfallText(s, report, lang, tr) })),
  };
}

/** The demo dataset as CSV bytes. */
export function demoBytes() {
  return send({ type: 'demo-bytes' });
}

/** Stops every analysis still running; their promises reject with code `cancelled`. */
export function cancelAll() {
  for (const [id, job] of pending) {
    if (!job.analysis) continue;
    stopParts(job);
    worker?.postMessage({ type: 'cancel', id });
    job.reject(failure('cancelled', 'cancelled'));
    pending.delete(id);
  }
}
