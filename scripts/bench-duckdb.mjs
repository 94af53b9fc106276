// Side by side with DuckDB-WASM on DuckDB's own kind of query (issue 16): the same
// generated file (1M rows of date,client,amount, 50 000 clients, dates over 2025),
// in one browser run, analysed by DuckDB-WASM (read_csv, then ABC 80/15/5 by revenue
// crossed with XYZ by months with a purchase) and by the page (file input's change to
// body[data-state=done], the whole Report). Prints both times, their ratio against
// the target (Clientscope at most a third of DuckDB's cold time), the longest
// main-thread task while the page analysed, and the ABC counts of both as a check.
// DuckDB-WASM lives in bench/ (its own package.json), never in the app.
// Usage: node scripts/bench-duckdb.mjs [--rows 1000000] [--clients 50000] [--runs 3]
// Needs `make build` and `npm ci --prefix bench` (make bench does both).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setup } from '../tests/e2e/helpers.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = process.env.CLIENTSCOPE_CLI ?? join(ROOT, 'target/release/clientscope');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const rows = Number(arg('rows', '1000000'));
const clients = Number(arg('clients', '50000'));
const runs = Number(arg('runs', '3'));
const dir = arg('dir', '/tmp/clientscope-bench');
mkdirSync(dir, { recursive: true });
if (!existsSync(join(ROOT, 'bench/node_modules/@duckdb/duckdb-wasm'))) {
  throw new Error('DuckDB-WASM is not installed: run `npm ci --prefix bench` (or make bench)');
}
const file = join(dir, `plain-${rows}-${clients}.csv`);
if (!existsSync(file)) {
  execFileSync(CLI, ['bench-data', '--shape', 'plain', '--rows', String(rows), '--clients', String(clients), '--out', file]);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const env = await setup();
const duck = [];
const page = [];
try {
  for (let i = 0; i < runs; i++) {
    // DuckDB, in a fresh page each time: cold includes instantiating its wasm.
    {
      const ctx = await env.browser.newContext();
      const p = await ctx.newPage();
      await p.goto(`${env.url}bench/duckdb.html`);
      await p.waitForSelector('body[data-ready=true]');
      await p.setInputFiles('#file', file);
      duck.push(await p.evaluate(() => window.runDuck()));
      await ctx.close();
    }
    // The page, fresh too: from the file input's change to data-state=done, then the
    // same file again in the same page (warm).
    {
      const ctx = await env.browser.newContext();
      const p = await ctx.newPage();
      // The worker's split of its time (worker.js stats) and when the page received
      // the Report: heard beside the page's own handler, which it does not change.
      await p.addInitScript(() => {
        const Base = window.Worker;
        window.Worker = class extends Base {
          constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => {
              if (e.data?.type === 'result') window.__stats = { ...e.data.stats, received_at: performance.timeOrigin + performance.now() };
            });
          }
        };
      });
      await p.goto(`${env.url}index.html`);
      await p.waitForSelector('body[data-ready=true]');
      await p.evaluate(() => {
        window.__marks = [];
        window.__long = [];
        new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
          .observe({ type: 'longtask', buffered: true });
        document.getElementById('file').addEventListener('change', () => window.__marks.push(['start', performance.now()]), { capture: true });
        new MutationObserver(() => {
          if (document.body.dataset.state === 'done') window.__marks.push(['done', performance.now()]);
        }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
      });
      const times = [];
      for (let k = 0; k < 2; k++) {
        await p.setInputFiles('#file', []);
        await p.evaluate(() => { document.body.dataset.state = 'idle'; window.__marks = []; });
        await p.setInputFiles('#file', file);
        await p.waitForSelector('body[data-state=done]', { timeout: 600_000 });
        times.push(await p.evaluate(() => {
          const m = Object.fromEntries(window.__marks);
          const long = window.__long.filter(([t, d]) => t + d >= m.start && t <= m.done).map(([, d]) => d);
          // Where the time went, in ms: the page's clock as ms since the epoch.
          const at = (t) => performance.timeOrigin + t;
          const s = window.__stats;
          const phases = s.wasm_memory_phases;
          const readEnd = s.started_at + s.read_ms;
          const analysed = phases.length ? phases.at(-1)[2] : readEnd;
          const split = {
            'to worker': s.started_at - at(m.start),
            'read (wasm)': s.read_ms,
            'analysis (wasm)': analysed - readEnd,
            'Report to JSON and parsed': s.read_ms + s.finish_ms - (analysed - s.started_at),
            'transfer to page': s.received_at - s.posted_at,
            'render': at(m.done) - s.received_at,
          };
          const core = phases.map(([name, , t], k) => [name, t - (k ? phases[k - 1][2] : readEnd)]);
          return { ms: m.done - m.start, longest: Math.max(0, ...long), over50: long.filter((d) => d > 50), split, core };
        }));
      }
      page.push({ coldMs: times[0].ms, warmMs: times[1].ms, longest: Math.max(times[0].longest, times[1].longest), over50: [...times[0].over50, ...times[1].over50], cold: times[0], warm: times[1] });
      await ctx.close();
    }
  }
} finally {
  await env.close();
}

const report = JSON.parse(execFileSync(CLI, ['analyze', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 }));
const abcOf = (cells) => ['A', 'B', 'C'].map((g) => Object.entries(cells).filter(([c]) => c[0] === g).reduce((n, [, v]) => n + v, 0));
const ours = abcOf(Object.fromEntries(report.matrix.cells.map((c) => [c.cell, c.count])));
const theirs = abcOf(duck[0].cells);

const dc = median(duck.map((d) => d.coldMs));
const dw = median(duck.map((d) => d.warmMs));
const pc = median(page.map((d) => d.coldMs));
const pw = median(page.map((d) => d.warmMs));
const longest = Math.max(...page.map((d) => d.longest));
const mb = report.input ? (await import('node:fs')).statSync(file).size / 1e6 : 0;
console.log(`${rows.toLocaleString('en')} rows, ${mb.toFixed(1)} MB, ${clients.toLocaleString('en')} clients; median of ${runs} runs`);
console.log(`  DuckDB-WASM (read_csv + ABC x XYZ): cold ${dc.toFixed(0)} ms, warm ${dw.toFixed(0)} ms`);
console.log(`  Clientscope (the whole Report)    : cold ${pc.toFixed(0)} ms (${(mb / pc * 1000).toFixed(1)} MB/s), warm ${pw.toFixed(0)} ms`);
const ratio = pc / dc;
console.log(`  ratio Clientscope / DuckDB cold: ${ratio.toFixed(2)}x; target <= 0.33x: ${ratio <= 1 / 3 ? 'met' : `missed (${(ratio * 3).toFixed(1)}x the target)`}`);
console.log(`  longest main-thread task while analysing: ${longest.toFixed(0)} ms; target <= 50 ms: ${longest <= 50 ? 'met' : 'missed'}`);
console.log(`  main-thread tasks over 50 ms, per run (cold+warm): ${page.map((d) => `[${d.over50.map((x) => x.toFixed(0)).join(', ')}]`).join(' ')}`);
for (const which of ['cold', 'warm']) {
  const keys = Object.keys(page[0][which].split);
  console.log(`  Clientscope ${which}, median ms: ${keys.map((k) => `${k} ${median(page.map((d) => d[which].split[k])).toFixed(0)}`).join('; ')}`);
  console.log(`    inside the analysis: ${page[0][which].core.map(([name], k) => `${name} ${median(page.map((d) => d[which].core[k]?.[1] ?? 0)).toFixed(0)}`).join('; ')}`);
}
console.log(`  ABC clients A/B/C: Clientscope ${ours.join('/')}, DuckDB ${theirs.join('/')}${ours.join() === theirs.join() ? ' (same)' : ' (DIFFERENT)'}`);
