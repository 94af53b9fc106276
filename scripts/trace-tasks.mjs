// The page's main-thread tasks while it analyses a file (from the file input's change
// to data-state=done; the charts drawn after it are not counted), from a Chromium trace:
// each task's wall time and its thread (CPU) time, which a loaded machine does not
// inflate (issue 16's target: no task over 50 ms). The app copies named on the
// command line are measured alternately in one browser, so a before/after compares
// under the same load. For each task over 50 ms (by thread time) it prints what
// ran inside it (garbage collection, layout, script), longest first.
// Usage: node scripts/trace-tasks.mjs FILE [--runs 2] [APP_ROOT ...]  (default: this repo)
import { resolve } from 'node:path';
import { startServer } from './serve.mjs';
import { launch } from '../tests/e2e/helpers.mjs';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 2;
const [file, ...roots] = args;
if (!file) throw new Error('usage: node scripts/trace-tasks.mjs FILE [--runs N] [APP_ROOT ...]');
const apps = roots.length ? roots.map((r) => resolve(r)) : [resolve(import.meta.dirname, '..')];
const CATEGORIES = 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8,blink.user_timing';

const browser = await launch();
try {
  for (let k = 0; k < runs; k++) {
    for (const root of apps) {
      const server = await startServer({ port: 0, root });
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${server.url}index.html`);
      await page.waitForSelector('body[data-ready=true]');
      const cdp = await ctx.newCDPSession(page);
      const events = [];
      cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
      const complete = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
      await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
      // The moment the page says done, in the trace: the tasks after it (the charts,
      // drawn once the figures are in place) are not the analysis's.
      await page.evaluate(() => new MutationObserver(() => {
        if (document.body.dataset.state === 'done') performance.mark('trace-tasks:done');
      }).observe(document.body, { attributes: true, attributeFilter: ['data-state'] }));
      const t0 = Date.now();
      await page.setInputFiles('#file', file);
      await page.waitForSelector('body[data-state=done]', { timeout: 600_000 });
      const wall = Date.now() - t0;
      await cdp.send('Tracing.end');
      await complete;
      await ctx.close();
      await server.close();
      // The page's main thread: the CrRendererMain with the most task time.
      const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`);
      const isTask = (e) => e.ph === 'X' && /RunTask$/.test(e.name);
      const busy = new Map(names.map((n) => [n, 0]));
      for (const e of events) if (isTask(e) && busy.has(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, busy.get(`${e.pid}:${e.tid}`) + e.dur);
      const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
      const on = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X');
      // Outermost tasks only (a task event may nest another of the same kind).
      const doneAt = events.find((e) => e.name === 'trace-tasks:done')?.ts ?? Infinity;
      const all = on.filter((e) => isTask(e) && e.ts < doneAt).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
      let end = -Infinity;
      const tasks = [];
      for (const e of all) {
        if (e.ts < end) continue;
        end = e.ts + e.dur;
        tasks.push({ ts: e.ts, dur: e.dur / 1000, tdur: (e.tdur ?? e.dur) / 1000 });
      }
      const inside = (t) => {
        const by = new Map();
        for (const e of on) {
          if (isTask(e) || e.ts < t.ts || e.ts > t.ts + t.dur * 1000 || !e.dur) continue;
          by.set(e.name, Math.max(by.get(e.name) ?? 0, e.dur / 1000));
        }
        return [...by].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([n, d]) => `${n} ${d.toFixed(0)}`).join(', ');
      };
      const long = tasks.filter((t) => t.tdur > 50).sort((a, b) => b.tdur - a.tdur);
      const maxWall = Math.max(0, ...tasks.map((t) => t.dur));
      const maxCpu = Math.max(0, ...tasks.map((t) => t.tdur));
      console.log(`${root} run ${k + 1}: ${wall} ms to done; ${tasks.length} tasks, main thread CPU ${tasks.reduce((n, t) => n + t.tdur, 0).toFixed(0)} ms; longest task ${maxWall.toFixed(0)} ms wall, ${maxCpu.toFixed(0)} ms CPU; over 50 ms wall: ${tasks.filter((t) => t.dur > 50).length}, over 50 ms CPU: ${long.length}`);
      for (const t of long.slice(0, 6)) console.log(`  ${t.tdur.toFixed(0)} ms CPU (${t.dur.toFixed(0)} wall): ${inside(t)}`);
    }
  }
} finally {
  await browser.close();
}
