// Peak wasm memory of the page's analysis, per phase, in Node's V8 (no browser: the
// wasm and its allocations are the page's; Node only stands in for the workers).
// Each mode gets fresh module instances, as a fresh page's workers do:
//   one           one worker reads the whole file (Session.push, Session.finish)
//   two           the first worker reads until the dialect is settled and up to the
//                 cut (worker.js `run`), a helper instance reads the rest (`runPart`),
//                 the first absorbs its result and finishes (Session.finish_parts)
//   one-then-two  both in the same instances, the first analysis kept while the
//                 second runs, as scripts/bench.mjs measures them (one page)
// Usage: node scripts/bench-memory.mjs FILE [PKG_DIR] [--modes one,two] [--options JSON]
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import os from 'node:os';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args.splice(at, 2)[1] : dflt;
};
const modes = flag('modes', 'one,two').split(',');
const options = JSON.parse(flag('options', '{}'));
const [file, dir = resolve(import.meta.dirname, '../www/pkg')] = args;
if (!file) throw new Error('usage: node scripts/bench-memory.mjs FILE [PKG_DIR] [--modes one,two,one-then-two]');
const pkg = resolve(dir);
const texts = readFileSync(resolve(import.meta.dirname, '../crate/texts.json'), 'utf8');
const wasm = readFileSync(`${pkg}/clientscope_bg.wasm`);
const CHUNK = 4 << 20; // worker.js CHUNK
const MB = 1048576;
const fd = openSync(file, 'r');
const total = fstatSync(fd).size;
/** The file's bytes [off, end), as `file.slice(off, end).arrayBuffer()` gives them. */
const slice = (off, end) => {
  const b = new Uint8Array(end - off);
  readSync(fd, b, 0, b.length, off);
  return b;
};

let instances = 0;
/** A fresh module instance: a worker of its own. */
async function instance() {
  const m = await import(`${pkg}/clientscope.js?${instances++}`);
  m.initSync({ module: wasm });
  m.set_catalogue?.(texts);
  return m;
}

const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const mb = (b) => (b / MB).toFixed(0);

/** One analysis in `lead` (and `helper` for a split), as worker.js runs it. */
function analyze(lead, helper) {
  lead.phase_memory();
  const out = { marks: [] };
  const mark = (label) => out.marks.push([label, lead.memory_bytes()]);
  const t0 = cpu();
  const s = new lead.Session(options);
  let cuts = helper ? null : [];
  for (let off = 0; off < total; off += CHUNK) {
    const end = Math.min(off + CHUNK, total);
    s.push(slice(off, end));
    if (cuts === null) {
      const handover = s.handover();
      if (handover) {
        const c = lead.split_cuts(total, end, 2);
        cuts = c.length && s.end_at(c[0]) ? Array.from(c) : [];
        if (cuts.length) out.handover = handover;
      }
    }
    if (cuts?.length && s.part_done()) break;
  }
  mark(cuts?.length ? 'first part read' : 'file read');
  let report = null;
  if (cuts?.length) {
    const part = new helper.Part(out.handover, options, cuts[0], undefined);
    for (let off = part.read_from(); off < total && !part.done(); off += CHUNK) {
      part.push(slice(off, Math.min(off + CHUNK, total)));
    }
    const h0 = helper.memory_bytes();
    // Builds before the pieces (crate/src/split.rs PIECE) gave one Uint8Array.
    const result = part.finish();
    const pieces = result instanceof Uint8Array ? [result] : result;
    part.free();
    out.helper = [['part read', h0], ['part result', helper.memory_bytes()]];
    out.partBytes = pieces.reduce((n, p) => n + p.length, 0);
    out.pieces = pieces.length;
    for (const piece of pieces) s.absorb(piece);
    mark('helper part absorbed');
    report = s.finish_parts();
    if (report === null) throw new Error('the parts did not merge: the file would be read again');
  } else {
    report = s.finish();
  }
  out.readCpu = cpu() - t0;
  out.phases = lead.phase_memory().map(([p, b]) => [p, b]);
  out.marks.push(['after the Report', lead.memory_bytes()]);
  out.clients = report.totals.clients;
  out.session = s;
  return out;
}

const print = (label, r) => {
  console.log(`${label}: ${r.clients} clients, CPU ${r.readCpu.toFixed(1)} s, load ${os.loadavg()[0].toFixed(1)}`);
  console.log(`  marks (MiB): ${r.marks.map(([p, b]) => `${p} ${mb(b)}`).join('; ')}`);
  console.log(`  phases (MiB, peak so far): ${r.phases.map(([p, b]) => `${p} ${mb(b)}`).join('; ')}`);
  if (r.helper) console.log(`  helper (MiB): ${r.helper.map(([p, b]) => `${p} ${mb(b)}`).join('; ')}; its result ${(r.partBytes / MB).toFixed(1)} MiB in ${r.pieces} piece(s)`);
};

console.log(`${file}: ${(total / 1e6).toFixed(0)} MB; ${pkg}`);
for (const mode of modes) {
  if (mode === 'one') {
    print('one worker', analyze(await instance()));
  } else if (mode === 'two') {
    print('two workers', analyze(await instance(), await instance()));
  } else if (mode === 'one-then-two') {
    const [a, b] = [await instance(), await instance()];
    const first = analyze(a);
    print('one worker (same page)', first);
    const second = analyze(a, b);
    first.session.free(); // worker.js frees the older session only once the newer is done
    print('then two workers (same page)', second);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}
closeSync(fd);
