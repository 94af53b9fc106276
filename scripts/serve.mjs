// A small static file server for the app and the tests: correct MIME types (wasm
// must be application/wasm to stream-compile), no directory listings, nothing
// outside the root, text and wasm compressed (brotli, else gzip) when the browser
// takes it. Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1] [--root DIR]
import { createServer } from 'node:http';
import { stat, readFile, realpath } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as Z } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xls': 'application/vnd.ms-excel',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.webmanifest': 'application/manifest+json',
};

/** Types worth compressing: text and wasm (images and spreadsheets already are). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.csv', '.tsv', '.txt', '.webmanifest']);
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
/** Brotli's best quality takes ~40 s on the 3 MB wasm and ~2 s on the catalogue:
 *  files past 64 KB get a quick one (quality 5, within 2 % of quality 9), small
 *  ones the best. */
const brotliQuality = (size) => (size > 64_000 ? 5 : 11);
/** `${file} ${encoding}` -> {stamp, body}: each file compressed once until it
 *  changes (shared by every server of the process, as the tests start several). */
const packed = new Map();

/** The encoding to answer with: brotli if the request accepts it, else gzip, else none. */
export function pickEncoding(accept = '') {
  const offered = new Map(String(accept).toLowerCase().split(',').map((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    return [name.trim(), q ? Number(q.slice(2)) : 1];
  }));
  const ok = (name) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : null;
}

/** `onRequest({path, status, encoding})`, if given, hears of every answer (the tests count them). */
export function startServer({ port = 8080, host = '127.0.0.1', root = resolve(fileURLToPath(import.meta.url), '../..'), log = false, onRequest } = {}) {
  const base = resolve(root);
  const inside = (p, dir) => p === dir || p.startsWith(dir + sep);
  let realBase;
  const compressed = async (file, info, encoding) => {
    const key = `${file} ${encoding}`;
    const stamp = `${info.mtimeMs} ${info.size}`;
    let hit = packed.get(key);
    if (hit?.stamp !== stamp) {
      const raw = await readFile(file);
      const body = encoding === 'br'
        ? brotli(raw, { params: { [Z.BROTLI_PARAM_QUALITY]: brotliQuality(raw.length), [Z.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gzipped(raw, { level: 9 });
      hit = { stamp, body };
      packed.set(key, hit);
    }
    return hit.body;
  };
  const server = createServer(async (req, res) => {
    if (onRequest) res.once('finish', () => onRequest({ path: req.url, status: res.statusCode, encoding: res.getHeader('Content-Encoding') ?? null }));
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (!inside(file, base)) return send(res, 403, 'Forbidden');
      let info = await stat(file).catch(() => null);
      // A directory serves its index.html or nothing: never a listing.
      if (info?.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(res, 404, 'Not found');
      // A symbolic link inside the root must not reach outside it either.
      realBase ??= await realpath(base);
      if (!inside(await realpath(file), realBase)) return send(res, 403, 'Forbidden');
      const type = extname(file);
      const encoding = COMPRESSIBLE.has(type) ? pickEncoding(req.headers['accept-encoding']) : null;
      const body = encoding ? await compressed(file, info, encoding) : await readFile(file);
      const headers = {
        'Content-Type': TYPES[type] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(COMPRESSIBLE.has(type) ? { Vary: 'Accept-Encoding' } : {}),
        ...(encoding ? { 'Content-Encoding': encoding } : {}),
      };
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.writeHead(200);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 400, 'Bad request');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.address().port}/`;
      if (log) console.log(`Serving ${base} at ${url}`);
      ok({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

function send(res, code, text, headers = {}) {
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-cache', ...headers });
  res.end(text);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  await startServer({ port: Number(arg('port', 8080)), host: arg('host', '127.0.0.1'), root: arg('root', undefined), log: true });
}
