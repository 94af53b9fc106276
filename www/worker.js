// The analysis worker: instantiates the wasm once and speaks a small protocol.
// In:  {type: 'catalogue', json}            the texts (crate/texts.json), first of all: the
//                                          wasm does not carry them (crate/src/texts.rs)
//      {type: 'analyze', id, file /* File | Blob | ArrayBuffer | Uint8Array */, options}
//      {type: 'demo', id, options}        the built-in demo dataset
//      {type: 'demo-bytes', id}           the demo CSV itself, for download or tests
//      {type: 'cancel', id}
//      {type: 'ping', id, lang}            answered once the wasm is ready
//      {type: 'downloads', id, delimiter, lang, only}  files of the last finished analysis
//                                          (only: a name suffix, "" or absent for all)
//      {type: 'charts', id, narrow}        the charts of the last finished analysis (narrow: for a phone)
//      analyze or demo with `rowsOnRequest`: the Report comes with `clients: []`; its
//      clients stay here and are asked for by
//      {type: 'client-page', id, query}    one page of them (crate/src/client_list.rs)
//      {type: 'client-rows', id, ids}      the rows of the clients named
//      analyze with `workers` > 1: a File or Blob large enough is split (crate/src/split.rs):
//      this worker reads the first part, sends {type: 'handover', id, handover, cuts},
//      and waits for {type: 'parts', id, parts: [[ArrayBuffer, ...], ...] | null (a part failed)}
//                                          (each part's result in pieces: see crate/src/split.rs)
//      {type: 'part', id, file, options, handover, cut, end}  a later part, read by a helper;
//                                          answered by {type: 'part-result', id, pieces, wasm_memory_bytes}
// Out: {type: 'pong', id}
//      {type: 'progress', id, done, total, whole?}  (whole: reading again from the start)
//      {type: 'clients', id, clients}      a slice of report.clients, in order, before the
//                                          'result' that carries the rest of the Report
//      {type: 'result', id, report, stats: {ms, wasm_memory_bytes, wasm_memory_read_bytes,
//                                           wasm_memory_phases: [[phase, bytes, at], ...],
//                                           started_at, read_ms, finish_ms, posted_at}}
//                                          (at, started_at, posted_at: ms since the epoch; the
//                                          benchmark's split of the time)
//      {type: 'rows', id, rows}            {total, rows} of a client page, or [row | null]
//      {type: 'bytes', id, bytes}
//      {type: 'files', id, files: [{name, mime, bytes}], stats: {ms, wasm_memory_bytes}}
//      {type: 'charts', id, charts: [{name, title, svg}]}
//      {type: 'error', id, error: {code, message, headers?, preview?, missing?}, fatal}
//                                          (headers, preview, missing: a missing_columns error)
//      {type: 'error', id, error: {code, detail?}, fatal}   a failure of the worker's own,
//                                          worded by the page (the worker loads no texts:
//                                          the page fetches each file once)
// A newer analysis makes an older one stop at its next chunk; the other requests
// are answered between chunks and cancel nothing.
import init, { Session, Part, split_cuts, demo_csv, memory_bytes, phase_memory, set_catalogue } from './pkg/clientscope.js';

const CHUNK = 4 << 20;
/** Clients a message carries to the page (about 0.75 MB of them). */
const CLIENT_SLICE = 1000;
const ready = init();
/** Id of the analysis that may still run; 0 when none. */
let current = 0;
/** The last finished session: it holds the Report the downloads are made from. */
let finished = null;
/** A first part waiting for the later parts' results: {id, resolve(parts | null)}. */
let waiting = null;

self.onmessage = async ({ data: msg }) => {
  if (msg.type === 'catalogue') {
    // Awaited before any later message's `ready`: promise reactions run in order.
    await ready;
    set_catalogue(msg.json);
    return;
  }
  if (msg.type === 'cancel') {
    if (current === msg.id) current = 0;
    if (waiting?.id === msg.id) waiting.resolve(null);
    return;
  }
  if (msg.type === 'parts') {
    if (waiting?.id === msg.id) waiting.resolve(msg.parts);
    return;
  }
  const analysis = msg.type === 'analyze' || msg.type === 'demo' || msg.type === 'part';
  if (analysis) {
    current = msg.id;
    waiting?.resolve(null); // an older analysis waiting for its parts stops
  }
  const started = performance.now();
  try {
    await ready;
    if (msg.type === 'ping') {
      self.postMessage({ type: 'pong', id: msg.id });
    } else if (msg.type === 'downloads') {
      if (!finished) throw { code: 'no_report' };
      const files = finished.downloads(typeof msg.delimiter === 'string' ? msg.delimiter : '', typeof msg.only === 'string' ? msg.only : '');
      const stats = { ms: performance.now() - started, wasm_memory_bytes: memory_bytes() };
      self.postMessage({ type: 'files', id: msg.id, files, stats }, files.map((f) => f.bytes.buffer));
    } else if (msg.type === 'charts') {
      if (!finished) throw { code: 'no_report' };
      self.postMessage({ type: 'charts', id: msg.id, charts: finished.charts(Boolean(msg.narrow)) });
    } else if (msg.type === 'client-page' || msg.type === 'client-rows') {
      if (!finished) throw { code: 'no_report' };
      const rows = msg.type === 'client-page' ? finished.client_page(msg.query) : finished.client_rows(msg.ids);
      self.postMessage({ type: 'rows', id: msg.id, rows });
    } else if (msg.type === 'demo-bytes') {
      const bytes = demo_csv();
      self.postMessage({ type: 'bytes', id: msg.id, bytes }, [bytes.buffer]);
    } else if (msg.type === 'part') {
      const pieces = await runPart(msg);
      if (pieces === undefined) return;
      self.postMessage({ type: 'part-result', id: msg.id, pieces, wasm_memory_bytes: memory_bytes() }, pieces.map((p) => p.buffer));
    } else if (analysis) {
      const source = msg.type === 'demo' ? demo_csv() : msg.file;
      const report = await run(msg.id, source, msg.options ?? {}, msg.workers ?? 1, msg.rowsOnRequest === true);
      if (report === undefined) {
        self.postMessage({ type: 'error', id: msg.id, error: { code: 'cancelled', message: 'cancelled' }, fatal: false });
        return;
      }
      const stats = { ms: performance.now() - started, wasm_memory_bytes: memory_bytes(), wasm_memory_read_bytes: readBytes, wasm_memory_phases: phases, parts, ...times };
      // The page copies what it receives in one task per message: 50 000 clients in
      // one message held its thread for 100 ms. They go ahead in slices instead.
      const clients = report.clients ?? [];
      for (let at = 0; at < clients.length; at += CLIENT_SLICE) {
        self.postMessage({ type: 'clients', id: msg.id, clients: clients.slice(at, at + CLIENT_SLICE) });
      }
      stats.posted_at = performance.timeOrigin + performance.now();
      self.postMessage({ type: 'result', id: msg.id, report: { ...report, clients: [] }, stats });
    } else {
      throw { code: 'usage', message: `unknown request ${String(msg.type)}` };
    }
  } catch (err) {
    self.postMessage({ type: 'error', id: msg.id, ...describe(err) });
  } finally {
    if (analysis && current === msg.id) current = 0;
  }
};

/** The core throws {code, message} already in the user's language; the worker's
 *  own failures are a code the page words (see clientscope.js). Anything else
 *  is a bug; a wasm panic (a RuntimeError) leaves the instance unusable, so the page
 *  is told to start a new worker (`fatal`). */
function describe(err) {
  if (err && typeof err.code === 'string' && err.message === undefined) return { error: { code: err.code }, fatal: false };
  if (err && typeof err.code === 'string' && typeof err.message === 'string') {
    // A missing-columns error brings the file's header, first rows and missing roles.
    const { headers, preview, missing } = err;
    return { error: { code: err.code, message: err.message, ...(headers ? { headers, preview, missing } : {}) }, fatal: false };
  }
  if (err instanceof DOMException && err.name === 'NotReadableError') {
    // The file changed or went away on disk while it was being read.
    return { error: { code: 'read_failed' }, fatal: false };
  }
  const detail = String(err?.message ?? err);
  // A trap in the wasm (an abort on memory the tab cannot give, or a panic the
  // core's checks did not foresee) while reading a file: say so about the file.
  if (err instanceof WebAssembly.RuntimeError || err instanceof RangeError) {
    return { error: { code: 'file_trap', detail }, fatal: true };
  }
  return { error: { code: 'internal', detail }, fatal: true };
}

let readBytes = 0;
/** Linear memory at the end of each phase of the last analysis (the core marks them). */
let phases = [];
/** Parts the last analysis was read in (1: one worker, or read again in one pass). */
let parts = 1;
/** The last analysis' file read (with the parts' merge) and `finish` (the analyses
 *  and the Report's JSON), in ms: the benchmark's split. */
let times = {};

async function run(id, source, options, workers, rowsOnRequest) {
  const total = source?.size ?? source?.byteLength;
  if (typeof total !== 'number') throw { code: 'bad_input' };
  phase_memory(); // marks left by an analysis that stopped early
  const t0 = performance.now();
  let t1 = t0;
  const start = () => {
    const s = new Session(options);
    if (rowsOnRequest) s.rows_on_request();
    return s;
  };
  let session = start();
  let keep = false;
  try {
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : ArrayBuffer.isView(source) ? new Uint8Array(source.buffer, source.byteOffset, source.byteLength) : null;
    // One chunk at a time: a file larger than memory is never held whole.
    const slice = async (off, end) => (bytes ? bytes.subarray(off, end) : new Uint8Array(await source.slice(off, end).arrayBuffer()));
    // Only a File or Blob is split: the other workers read their parts from it.
    let cuts = workers > 1 && !bytes ? null : [];
    for (let off = 0; off < total; off += CHUNK) {
      if (current !== id) return undefined;
      const end = Math.min(off + CHUNK, total);
      session.push(await slice(off, end));
      self.postMessage({ type: 'progress', id, done: end, total });
      if (cuts === null) {
        // Once the dialect is settled, the rest of the file goes to the other workers.
        const handover = session.handover();
        if (handover) {
          const c = split_cuts(total, end, workers);
          cuts = c.length && session.end_at(c[0]) ? Array.from(c) : [];
          if (cuts.length) self.postMessage({ type: 'handover', id, handover, cuts });
        }
      }
      if (cuts?.length && session.part_done()) break;
    }
    if (current !== id) return undefined;
    let report = null;
    parts = 1;
    if (cuts?.length) {
      const results = await new Promise((resolve) => { waiting = { id, resolve }; });
      waiting = null;
      if (current !== id) return undefined;
      if (results) {
        // Piece by piece: the wasm holds one at a time, not a part's whole ledger.
        for (const part of results) for (const piece of part) session.absorb(new Uint8Array(piece));
        readBytes = memory_bytes();
        t1 = performance.now();
        report = session.finish_parts();
        if (report !== null) parts = results.length + 1;
      }
      if (report === null) {
        // A part failed, or the parts could not promise one pass's Report (a cut
        // inside a quoted field): read the file again in one pass.
        session.free();
        session = start();
        for (let off = 0; off < total; off += CHUNK) {
          if (current !== id) return undefined;
          const end = Math.min(off + CHUNK, total);
          session.push(await slice(off, end));
          self.postMessage({ type: 'progress', id, done: end, total, whole: true });
        }
      }
    }
    if (report === null) {
      // Memory once the file is read, before the analyses: the benchmark's split.
      readBytes = memory_bytes();
      t1 = performance.now();
      report = session.finish();
    }
    times = { started_at: performance.timeOrigin + t0, read_ms: t1 - t0, finish_ms: performance.now() - t1 };
    phases = phase_memory();
    finished?.free();
    finished = session;
    keep = true;
    return report;
  } finally {
    if (!keep) session.free();
  }
}

/** A later part of a split file: its bytes read from the file, its result as pieces of bytes. */
async function runPart({ id, file, options, handover, cut, end }) {
  const part = new Part(handover, options ?? {}, cut, end ?? undefined);
  try {
    const total = file.size;
    for (let off = part.read_from(); off < total && !part.done(); off += CHUNK) {
      if (current !== id) return undefined;
      const stop = Math.min(off + CHUNK, total);
      part.push(new Uint8Array(await file.slice(off, stop).arrayBuffer()));
      self.postMessage({ type: 'progress', id, done: stop - cut, total });
    }
    return part.finish();
  } finally {
    part.free();
  }
}
