// scripts/serve.mjs: MIME types the browser insists on, no listings, nothing outside
// the root, no caching, and the one line it logs when run as a command.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { mkdtempSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, pickEncoding } from '../../scripts/serve.mjs';
import { ROOT } from './helpers.mjs';

let server;
/** Compressible bytes: a repeated phrase, as code and texts repeat. */
const BIG = Buffer.from('the same words again and again; '.repeat(4000));
let outside;
before(async () => {
  const root = mkdtempSync(join(tmpdir(), 'clientscope-serve-'));
  outside = mkdtempSync(join(tmpdir(), 'clientscope-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  mkdirSync(join(root, 'sub'));
  mkdirSync(join(root, 'www'));
  for (const name of ['index.html', 'a.js', 'a.mjs', 'a.wasm', 'a.csv', 'a.json', 'a.svg', 'a.css', 'www/index.html']) writeFileSync(join(root, name), name);
  writeFileSync(join(root, 'big.wasm'), BIG);
  writeFileSync(join(root, 'a.png'), BIG);
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  server = await startServer({ port: 0, root });
});
after(async () => { await server.close(); });

/** A raw GET: fetch() would normalise `..` away before the server sees it. */
function get(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], cache: res.headers['cache-control'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('each file type gets its MIME type and no-cache', async () => {
  const expect = {
    '/a.wasm': 'application/wasm',
    '/a.js': 'text/javascript; charset=utf-8',
    '/a.mjs': 'text/javascript; charset=utf-8',
    '/a.csv': 'text/csv; charset=utf-8',
    '/a.json': 'application/json; charset=utf-8',
    '/a.svg': 'image/svg+xml',
    '/a.css': 'text/css; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
  };
  for (const [path, type] of Object.entries(expect)) {
    const r = await get(path);
    assert.deepEqual([r.status, r.type, r.cache, r.body], [200, type, 'no-cache', path.slice(1)], path);
  }
  assert.equal((await get('/')).body, 'index.html');
  assert.equal((await get('/www/')).body, 'www/index.html');
});

/** A raw GET with an Accept-Encoding: the body as bytes, and the headers. */
function getRaw(path, acceptEncoding) {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request({ hostname, port, path, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('text and wasm come compressed as the browser asks: brotli, else gzip, else plain', async () => {
  const br = await getRaw('/big.wasm', 'gzip, deflate, br, zstd');
  assert.deepEqual([br.status, br.headers['content-encoding'], br.headers.vary, br.headers['content-type']], [200, 'br', 'Accept-Encoding', 'application/wasm']);
  assert.ok(brotliDecompressSync(br.body).equals(BIG));
  assert.equal(Number(br.headers['content-length']), br.body.length);
  assert.ok(br.body.length * 20 < BIG.length, `${br.body.length} of ${BIG.length}`);
  const gz = await getRaw('/big.wasm', 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(BIG));
  const plain = await getRaw('/big.wasm');
  assert.deepEqual([plain.headers['content-encoding'], plain.headers.vary], [undefined, 'Accept-Encoding']);
  assert.ok(plain.body.equals(BIG));
  // An image is compressed already: sent as it is, whatever the request takes.
  const png = await getRaw('/a.png', 'br, gzip');
  assert.deepEqual([png.headers['content-encoding'], png.headers.vary], [undefined, undefined]);
  assert.deepEqual(['br;q=0, gzip', 'identity', '*', 'gzip;q=0.5, br;q=0.1'].map(pickEncoding), ['gzip', null, 'br', 'br']);
});

test('no directory listing, nothing outside the root, only GET and HEAD', async () => {
  assert.equal((await get('/sub/')).status, 404);
  assert.equal((await get('/nope.js')).status, 404);
  for (const path of ['/../secret.txt', '/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/sub/..%2f..%2f..%2fetc/passwd']) {
    const r = await get(path);
    assert.ok([403, 404].includes(r.status), `${path}: ${r.status}`);
    assert.doesNotMatch(r.body, /root:|secret/);
  }
  assert.equal((await get('/link.txt')).status, 403);
  assert.equal((await get('/%E0%A4%A')).status, 400);
  assert.equal((await get('/index.html', 'POST')).status, 405);
  const head = await get('/index.html', 'HEAD');
  assert.deepEqual([head.status, head.body], [200, '']);
});

test('as a command it logs one line with the address and serves the repository', async () => {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs'), '--port', '0', '--host', '127.0.0.1', '--root', ROOT]);
  try {
    const line = await new Promise((resolve, reject) => {
      child.stdout.once('data', (d) => resolve(String(d)));
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const m = /^Serving (.+) at (http:\/\/127\.0\.0\.1:\d+\/)\n$/.exec(line);
    assert.ok(m, line);
    assert.equal(m[1], ROOT);
    const res = await fetch(`${m[2]}index.html`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Content-Security-Policy/);
  } finally {
    child.kill();
  }
});
