// The analysis worker: instantiates the wasm once and speaks a small protocol.
// In:  {type: 'analyze', id, file /* File | Blob | ArrayBuffer | Uint8Array */, options}
//      {type: 'demo', id, options}        the built-in demo dataset
//      {type: 'demo-bytes', id}           the demo CSV itself, for download or tests
//      {type: 'cancel', id}
//      {type: 'ping', id}                  answered once the wasm is ready
//      {type: 'downloads', id, delimiter}  files of the last finished analysis
// Out: {type: 'pong', id}
//      {type: 'progress', id, done, total}
//      {type: 'result', id, report, stats: {ms, wasm_memory_bytes}}
//      {type: 'bytes', id, bytes}
//      {type: 'files', id, files: [{name, mime, bytes}]}
//      {type: 'error', id, error: {code, message}, fatal}
// A newer request makes an older one stop at its next chunk.
import init, { Session, demo_csv, memory_bytes } from './pkg/clientscope.js';

const CHUNK = 4 << 20;
const ready = init();
let current = 0;
/** The last finished session: it holds the Report the downloads are made from. */
let finished = null;

self.onmessage = async ({ data: msg }) => {
  if (msg.type === 'cancel') {
    if (current === msg.id) current = 0;
    return;
  }
  current = msg.id;
  const started = performance.now();
  try {
    await ready;
    if (msg.type === 'ping') {
      self.postMessage({ type: 'pong', id: msg.id });
      return;
    }
    if (msg.type === 'downloads') {
      if (!finished) throw { code: 'usage', message: 'no finished analysis' };
      const files = finished.downloads(msg.delimiter === ',' ? ',' : ';');
      self.postMessage({ type: 'files', id: msg.id, files }, files.map((f) => f.bytes.buffer));
      return;
    }
    if (msg.type === 'demo-bytes') {
      const bytes = demo_csv();
      self.postMessage({ type: 'bytes', id: msg.id, bytes }, [bytes.buffer]);
      return;
    }
    const source = msg.type === 'demo' ? demo_csv() : msg.file;
    const report = await run(msg.id, source, msg.options ?? {});
    if (report === undefined) {
      self.postMessage({ type: 'error', id: msg.id, error: { code: 'cancelled', message: 'cancelled' }, fatal: false });
      return;
    }
    const stats = { ms: performance.now() - started, wasm_memory_bytes: memory_bytes() };
    self.postMessage({ type: 'result', id: msg.id, report, stats });
  } catch (err) {
    // The core throws {code, message}; anything else is a bug, and a wasm panic
    // leaves the instance unusable, so the page is told to start a new worker.
    const known = err && typeof err.code === 'string' && typeof err.message === 'string';
    const error = known ? { code: err.code, message: err.message } : { code: 'internal', message: String(err?.message ?? err) };
    self.postMessage({ type: 'error', id: msg.id, error, fatal: !known });
  }
};

async function run(id, source, options) {
  const session = new Session(options);
  let keep = false;
  try {
    const total = source.size ?? source.byteLength;
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : ArrayBuffer.isView(source) ? source : null;
    for (let off = 0; off < total; off += CHUNK) {
      if (current !== id) return undefined;
      const end = Math.min(off + CHUNK, total);
      const chunk = bytes ? bytes.subarray(off, end) : new Uint8Array(await source.slice(off, end).arrayBuffer());
      session.push(chunk);
      self.postMessage({ type: 'progress', id, done: end, total });
    }
    if (current !== id) return undefined;
    const report = session.finish();
    finished?.free();
    finished = session;
    keep = true;
    return report;
  } finally {
    if (!keep) session.free();
  }
}
