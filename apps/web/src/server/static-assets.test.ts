import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadStaticAssets, type StaticAssets } from './static-assets';

const JS = Buffer.from(`console.log(${JSON.stringify('a fairly repetitive chunk '.repeat(200))});\n`);
const CSS = Buffer.from('body { color: black; }\n'.repeat(100));
const FONT = Buffer.from([0x77, 0x4f, 0x46, 0x32, ...Array.from({ length: 64 }, (_, i) => i)]);

let dir = '';
let server: http.Server;
let port = 0;
let assets: StaticAssets;
const logs: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'static-assets-'));
  mkdirSync(path.join(dir, 'chunks'), { recursive: true });
  mkdirSync(path.join(dir, 'media'), { recursive: true });
  // As scripts/precompress.ts leaves them: the chunk with its variants (marked, to tell them apart)…
  writeFileSync(path.join(dir, 'chunks', 'app-1a2b.js'), JS);
  writeFileSync(path.join(dir, 'chunks', 'app-1a2b.js.br'), zlib.brotliCompressSync(JS));
  writeFileSync(path.join(dir, 'chunks', 'app-1a2b.js.gz'), zlib.gzipSync(JS, { level: 9 }));
  // …a stylesheet from a build made without that step, and a font (not compressible).
  writeFileSync(path.join(dir, 'chunks', 'style-9f.css'), CSS);
  writeFileSync(path.join(dir, 'media', 'font-3c.woff2'), FONT);
  assets = loadStaticAssets(dir, (m) => logs.push(m));
  server = http.createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    if (!assets.serve(req, res, pathname)) {
      res.writeHead(418);
      res.end('next');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function get(p: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      // The path as given (a URL would normalize `..` away before sending).
      .request({ host: '127.0.0.1', port, path: p, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

describe('static assets from memory', () => {
  it('serves the build-time brotli file to a browser, with content-length, immutable caching and the page security headers', async () => {
    const res = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(zlib.brotliDecompressSync(res.body).equals(JS)).toBe(true);
    expect(res.headers['content-type']).toBe('application/javascript; charset=UTF-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toBe('accept-encoding');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('serves gzip, or the file itself, to clients that do not take brotli; HEAD has the length and no body', async () => {
    const gz = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(JS)).toBe(true);
    const plain = await get('/_next/static/chunks/app-1a2b.js?dpl=x');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(JS)).toBe(true);
    const head = await get('/_next/static/chunks/app-1a2b.js', { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.body.length).toBe(0);
    expect(Number(head.headers['content-length'])).toBeGreaterThan(0);
    expect(head.headers['content-length']).not.toBe(String(JS.length));
  });

  it('compresses once at boot a file that has no build-time variants, and says so', async () => {
    const res = await get('/_next/static/chunks/style-9f.css', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(res.body).equals(CSS)).toBe(true);
    expect(res.headers['content-type']).toBe('text/css; charset=UTF-8');
    expect(logs.join('\n')).toMatch(/1 static files had no precompressed variants/);
  });

  it('sends already-compressed formats as they are', async () => {
    const res = await get('/_next/static/media/font-3c.woff2', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['content-type']).toBe('font/woff2');
    expect(res.body.equals(FONT)).toBe(true);
  });

  it('leaves anything that is not a file of the build to Next (unknown names, the variants themselves, traversal)', async () => {
    for (const p of [
      '/_next/static/chunks/nope.js',
      '/_next/static/chunks/app-1a2b.js.br',
      '/_next/static/chunks/../chunks/app-1a2b.js',
      '/_next/static/chunks/%2e%2e/chunks/app-1a2b.js',
      '/_next/static/%E0%A4%A',
    ]) {
      expect((await get(p)).status).toBe(418);
    }
    expect(assets.files).toBe(3);
  });

  it('adds HSTS only when the request came over TLS', async () => {
    expect((await get('/_next/static/chunks/app-1a2b.js')).headers['strict-transport-security']).toBeUndefined();
    expect((await get('/_next/static/chunks/app-1a2b.js', { 'x-forwarded-proto': 'https' })).headers['strict-transport-security']).toMatch(
      /^max-age=/,
    );
  });

  it('an absent build directory gives an empty table, not a crash', () => {
    expect(loadStaticAssets(path.join(dir, 'missing')).files).toBe(0);
  });
});
