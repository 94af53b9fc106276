// Offline: after the first visit the app opens and works with the network off.
// It lives at the top level so its scope covers index.html (a worker's scope is its
// own folder and below).
//
// Network first, cache as the fallback: online, every load gets the current files
// (and refreshes the cache); offline, the cache answers. The service worker fetches
// nothing of its own after install, so "no request after load" still holds.
const CACHE = 'clientscope-v2';

// The files a first visit needs: every file of www/ (a browser test compares this
// list with the folder and reloads the page offline).
const SHELL = [
  './',
  'index.html',
  'www/app.js',
  'www/clientscope.js',
  'www/format.js',
  'www/i18n.js',
  'www/panel.js',
  'www/settings-schema.js',
  'www/settings.js',
  'www/style.css',
  'www/views/abc.js',
  'www/views/abcdx.js',
  'www/views/charts.js',
  'www/views/clients.js',
  'www/views/concentration.js',
  'www/views/dom.js',
  'www/views/download.js',
  'www/views/forecast.js',
  'www/views/headline.js',
  'www/views/index.js',
  'www/views/input.js',
  'www/views/leaving.js',
  'www/views/lifecycle.js',
  'www/views/matrix.js',
  'www/views/nps.js',
  'www/views/onetime.js',
  'www/views/pager.js',
  'www/views/pool.js',
  'www/views/quadrants.js',
  'www/views/rfm.js',
  'www/views/team.js',
  'www/views/totals.js',
  'www/views/trends.js',
  'www/views/transitions.js',
  'www/views/winback.js',
  'www/views/xyz.js',
  'www/worker.js',
  'www/pkg/clientscope.js',
  'www/pkg/clientscope_bg.wasm',
  'www/pkg/texts.js',
];

// The page registers this once it has loaded everything (app.js), so the copies
// come from the browser's HTTP cache: the files the page runs, with no second
// download. './' and 'index.html' are one page, loaded under either name.
const SAME = { './': 'index.html', 'index.html': './' };

async function fromHttpCache(path) {
  for (const name of [path, SAME[path]].filter(Boolean)) {
    const hit = await fetch(new Request(name, { cache: 'only-if-cached', mode: 'same-origin' })).catch(() => null);
    if (hit?.ok) return hit;
  }
  // Not loaded by this page (an older cache, a browser that kept nothing): the network.
  return fetch(new Request(path, { cache: 'no-cache' }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => Promise.all(SHELL.map(async (p) => {
        const res = await fromHttpCache(p);
        if (!res.ok) throw new Error(`${p}: ${res.status}`);
        await cache.put(p, res);
      })))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  // Only this app's own files: blob: downloads and anything else pass untouched.
  if (req.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && res.type === 'basic') {
          const copy = res.clone();
          caches.open(CACHE).then((cache) => cache.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req, { ignoreSearch: true, ignoreVary: true }).then((hit) => hit ?? Response.error())),
  );
});
