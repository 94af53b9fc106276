// The file-read phase of the page's wasm (ingest and ledger: Session.push over 4 MB
// chunks, as the worker does), in Node's V8, timed in CPU seconds of the process (the
// machine is shared). Several builds are compared in one run, alternating, the first
// being the baseline: `make build` leaves one in www/pkg; copy it aside first to
// keep it (cp -r www/pkg /tmp/pkg-before). First passes include V8's tier-up, as the
// page's one pass does. Usage: node scripts/bench-read.mjs FILE [PKG_DIR...] [--runs 3]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at >= 0 ? Number(args.splice(at, 2)[1]) : 3;
const [file, ...dirs] = args;
if (!file) throw new Error('usage: node scripts/bench-read.mjs FILE [PKG_DIR...] [--runs 3]');
const pkgs = (dirs.length ? dirs : [resolve(import.meta.dirname, '../www/pkg')]).map((d) => resolve(d));
const bytes = readFileSync(file);
const mb = bytes.length / 1e6;
const CHUNK = 4 << 20;

const mods = [];
for (const dir of pkgs) {
  // Each build's module is loaded under its own URL (a query keeps them apart).
  const m = await import(`${dir}/clientscope.js?${mods.length}`);
  m.initSync({ module: readFileSync(`${dir}/clientscope_bg.wasm`) });
  // Builds since issue 16 take the texts from the page (crate/src/texts.rs).
  m.set_catalogue?.(readFileSync(resolve(import.meta.dirname, '../crate/texts.json'), 'utf8'));
  mods.push(m);
}
const cpu = pkgs.map(() => []);
for (let r = 0; r < runs; r++) {
  mods.forEach((m, i) => {
    const session = new m.Session({});
    const before = process.cpuUsage();
    for (let off = 0; off < bytes.length; off += CHUNK) session.push(bytes.subarray(off, Math.min(off + CHUNK, bytes.length)));
    const used = process.cpuUsage(before);
    cpu[i].push((used.user + used.system) / 1e6);
    session.free();
  });
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${file}: ${mb.toFixed(1)} MB, file read in wasm, CPU seconds (first pass, then median of ${runs})`);
pkgs.forEach((dir, i) => {
  const [first, mid] = [cpu[i][0], median(cpu[i])];
  const ratio = i ? `, ${(median(cpu[0]) / mid).toFixed(2)}x the first` : '';
  console.log(`  ${dir}: first ${first.toFixed(3)} s, median ${mid.toFixed(3)} s (${(mb / mid).toFixed(1)} MB/s)${ratio}`);
});
