// The page's wasm in Node's V8, CPU seconds of the process (the machine is shared):
// the file read (Session.push over 4 MB chunks, as the worker does) and the analysis
// (Session.finish, the Report as JSON), for several builds alternated in one run, the
// first being the baseline (copy a `make build` aside first: cp -r www/pkg /tmp/pkg-before).
// Usage: node scripts/bench-wasm.mjs FILE [PKG_DIR...] [--runs 3]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at >= 0 ? Number(args.splice(at, 2)[1]) : 3;
const [file, ...dirs] = args;
if (!file) throw new Error('usage: node scripts/bench-wasm.mjs FILE [PKG_DIR...] [--runs 3]');
const pkgs = (dirs.length ? dirs : [resolve(import.meta.dirname, '../www/pkg')]).map((d) => resolve(d));
const bytes = readFileSync(file);
const CHUNK = 4 << 20;
const texts = readFileSync(resolve(import.meta.dirname, '../crate/texts.json'), 'utf8');

const mods = [];
for (const dir of pkgs) {
  const m = await import(`${dir}/clientscope.js?${mods.length}`);
  m.initSync({ module: readFileSync(`${dir}/clientscope_bg.wasm`) });
  // Builds since issue 16 take the texts from the page (crate/src/texts.rs).
  m.set_catalogue?.(texts);
  mods.push(m);
}
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const read = pkgs.map(() => []);
const analysis = pkgs.map(() => []);
const sizes = pkgs.map(() => 0);
for (let r = 0; r < runs; r++) {
  mods.forEach((m, i) => {
    const session = new m.Session({});
    const t0 = cpu();
    for (let off = 0; off < bytes.length; off += CHUNK) session.push(bytes.subarray(off, Math.min(off + CHUNK, bytes.length)));
    const t1 = cpu();
    const report = session.finish();
    const t2 = cpu();
    read[i].push(t1 - t0);
    analysis[i].push(t2 - t1);
    sizes[i] = JSON.stringify(report).length;
    session.free();
  });
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`${file}: ${(bytes.length / 1e6).toFixed(1)} MB, CPU seconds, median of ${runs} (all runs)`);
pkgs.forEach((dir, i) => {
  const f = (xs) => `${median(xs).toFixed(3)} s [${xs.map((x) => x.toFixed(2)).join(' ')}]`;
  const ratio = i ? ` (${(median(analysis[i]) / median(analysis[0])).toFixed(3)}x, read ${(median(read[i]) / median(read[0])).toFixed(3)}x the first)` : '';
  console.log(`  ${dir}: read ${f(read[i])}, analysis ${f(analysis[i])}${ratio}; Report ${sizes[i]} chars`);
});
