// Clientscope for embedding: `analyze(file, options)` runs the analysis in a Web
// Worker and resolves with the Report (the same object the CLI prints as JSON).
//
//   import { analyze } from './www/clientscope.js';
//   const report = await analyze(file, { lang: 'ru', onProgress: (done, total) => {} });
//
// Options are the Report settings (lang, as_of, period, window, abc_thresholds,
// encoding, sheet, columns) plus `onProgress(done, total)` and `onStats(stats)`.

const WORKER_URL = new URL('./worker.js', import.meta.url);
let worker = null;
let nextId = 1;
const pending = new Map();

function spawn() {
  const w = new Worker(WORKER_URL, { type: 'module' });
  w.onmessage = ({ data: m }) => {
    const job = pending.get(m.id);
    if (!job) return;
    if (m.type === 'progress') {
      job.onProgress?.(m.done, m.total);
      return;
    }
    pending.delete(m.id);
    if (m.type === 'result') {
      job.onStats?.(m.stats);
      job.resolve(m.report);
    } else if (m.type === 'bytes') {
      job.resolve(m.bytes);
    } else if (m.type === 'files') {
      job.resolve(m.files);
    } else if (m.type === 'pong') {
      job.resolve(true);
    } else {
      if (m.fatal) restart();
      job.reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
    }
  };
  w.onerror = (e) => {
    e.preventDefault?.();
    const jobs = [...pending.values()];
    pending.clear();
    restart();
    for (const job of jobs) job.reject(Object.assign(new Error(e.message || 'worker failed'), { code: 'internal' }));
  };
  return w;
}

function restart() {
  worker?.terminate();
  worker = null;
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
  const { onProgress, onStats, ...rest } = options ?? {};
  return { settings: JSON.parse(JSON.stringify(rest)), hooks: { onProgress, onStats } };
}

/** Analyzes a File, Blob, ArrayBuffer or Uint8Array. */
export function analyze(input, options = {}) {
  const { settings, hooks } = plain(options);
  return send({ type: 'analyze', file: input, options: settings }, { ...hooks, analysis: true });
}

/** Analyzes the built-in demo dataset (generated inside the wasm: no download). */
export function analyzeDemo(options = {}) {
  const { settings, hooks } = plain(options);
  return send({ type: 'demo', options: settings }, { ...hooks, analysis: true });
}

/** Starts the worker and loads the wasm now, so nothing is fetched later. */
export function preload() {
  return send({ type: 'ping' });
}

/** The downloads of the last finished analysis: [{name, mime, bytes}].
 *  `delimiter` of the CSV lists: ';' (Excel in Russian/Ukrainian locales) or ','. */
export function downloads(delimiter = ';') {
  return send({ type: 'downloads', delimiter });
}

/** The demo dataset as CSV bytes. */
export function demoBytes() {
  return send({ type: 'demo-bytes' });
}

/** Stops every analysis still running; their promises reject with code `cancelled`. */
export function cancelAll() {
  for (const [id, job] of pending) {
    if (!job.analysis) continue;
    worker?.postMessage({ type: 'cancel', id });
    job.reject(Object.assign(new Error('cancelled'), { code: 'cancelled' }));
    pending.delete(id);
  }
}
