// What the production server (server.ts) answers itself for a first visit (issue 14): the
// /_next/static files precompressed at build time (static-assets.ts) and the campaign pages from
// its response cache (page-response-cache.ts), with the same security headers as Next's answers.
// Needs a production build of apps/web (`npm run build -w @undersigned/web`); skipped otherwise.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { startWebServer, testEnv, type WebServer } from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[serving-http] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

let server: WebServer | undefined;

/** A GET with exactly these headers (fetch would add and decode its own Accept-Encoding). */
function get(
  url: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject)
      .end();
  });
}

function expectPageSecurityHeaders(headers: http.IncomingHttpHeaders): void {
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("default-src 'self'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
}

describeBuilt('first visit served by server.ts (production build)', () => {
  const t = useTestDatabase('web_serving_http', { beforeDrop: () => server?.stop() });
  let slug = '';

  beforeAll(async () => {
    slug = (await createCampaign(t.db, { goal: 1000 })).slug;
    server = await startWebServer({ env: testEnv({ databaseUrl: t.url, label: 'web_serving_http' }) });
  }, 90_000);

  it('answers a static chunk in brotli from the build-time file, with content-length, immutable caching and the security headers', async () => {
    const page = (await get(`${server!.url}/petitions/${slug}`)).body.toString('utf8');
    const src = /\/_next\/static\/[^"'\s]+\.js/.exec(page)?.[0];
    expect(src).toBeDefined();
    const file = readFileSync(path.join(WEB, '.next', 'static', src!.slice('/_next/static/'.length)));

    const br = await get(server!.url + src!, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(file.length);
    expect(zlib.brotliDecompressSync(br.body).equals(file)).toBe(true);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/^application\/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expectPageSecurityHeaders(br.headers);
    expect(br.headers['strict-transport-security']).toBeUndefined();

    const gz = await get(server!.url + src!, { 'accept-encoding': 'gzip, br;q=0' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(file)).toBe(true);
    const plain = await get(server!.url + src!);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(file)).toBe(true);
    const head = await get(server!.url + src!, { 'accept-encoding': 'br', 'x-forwarded-proto': 'https' }, 'HEAD');
    expect(head.headers['content-length']).toBe(br.headers['content-length']);
    expect(head.body.length).toBe(0);
    expect(head.headers['strict-transport-security']).toMatch(/^max-age=\d+; includeSubDomains$/);

    // Not a file of the build: Next's 404, as before.
    expect((await get(`${server!.url}/_next/static/chunks/nope-${Date.now()}.js`)).status).toBe(404);
  });

  it('answers campaign pages from its cache (not rendered), compressed, with the CSP and content-length', async () => {
    for (const p of [`/petitions/${slug}`, `/es/petitions/${slug}`]) {
      await get(server!.url + p); // fills the cache
      const res = await get(`${server!.url}${p}?source=share`, { 'accept-encoding': 'gzip, br' });
      expect(res.status).toBe(200);
      expect(res.headers['x-undersigned-cache']).toMatch(/^(HIT|STALE)$/);
      expect(res.headers['content-encoding']).toBe('br');
      expect(Number(res.headers['content-length'])).toBe(res.body.length);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toMatch(/s-maxage=5/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expectPageSecurityHeaders(res.headers);
      expect(zlib.brotliDecompressSync(res.body).toString('utf8')).toContain('</html>');
    }
    // RSC requests are Next's, as before.
    const rsc = await get(`${server!.url}/petitions/${slug}`, { rsc: '1' });
    expect(rsc.headers['x-undersigned-cache']).toBeUndefined();
    // Made-up slugs still share one 404 page.
    const unknown = await get(`${server!.url}/petitions/made-up-${Date.now()}`, { 'accept-encoding': 'gzip' });
    expect(unknown.status).toBe(404);
    expectPageSecurityHeaders(unknown.headers);
  });

  it('answers the live count from the same cache, with its CORS and caching headers; a made-up slug is still a 404', async () => {
    const url = `${server!.url}/api/v1/petitions/${slug}/count`;
    await get(url); // fills the cache
    const res = await get(url, { 'accept-encoding': 'gzip' });
    expect(res.status).toBe(200);
    expect(res.headers['x-undersigned-cache']).toMatch(/^(HIT|STALE)$/);
    expect(res.headers['cache-control']).toBe('public, max-age=5, s-maxage=5, stale-while-revalidate=30');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body: unknown = JSON.parse((res.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(res.body) : res.body).toString('utf8'));
    expect(body).toEqual({ total_signatures: expect.any(Number) as number, goal: 1000, status: 'published' });
    const unknown = await get(`${server!.url}/api/v1/petitions/made-up-${Date.now()}/count`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers['x-undersigned-cache']).toBeUndefined();
  });

  it('shows a new signature on the cached page within the refresh window', async () => {
    const page = `${server!.url}/petitions/${slug}`;
    expect((await get(page)).body.toString('utf8')).toMatch(/\b0 of 1,000\b/);
    const signed = await fetch(`${server!.url}/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        person: {
          given_name: 'Ana',
          family_name: 'Ruiz',
          email_addresses: [{ address: 'cache-fresh@example.org' }],
          postal_addresses: [{ postal_code: '95112' }],
        },
      }),
    });
    expect(signed.status).toBeLessThan(300);
    // Polled, with a generous bound: Next's ISR window (5 s) plus the cache's refresh (1 s).
    let html = '';
    for (const until = Date.now() + 30_000; Date.now() < until; await new Promise((r) => setTimeout(r, 250))) {
      html = (await get(page)).body.toString('utf8');
      if (/\b1 of 1,000\b/.test(html)) break;
    }
    expect(html).toMatch(/\b1 of 1,000\b/);
  }, 60_000);
});
