// The bad-input drill over real HTTP (issue 7 "Bad input"): the production server (server.ts:
// the sign fast path in front of Next) is started on a random port against a test database and
// fed generated requests — raw bodies with invalid UTF-8, NUL and lone surrogates, wrong content
// types, oversized bodies, hostile slugs, tokens, codes and query strings for the confirm,
// thanks, embed, count and OG routes. Never a 5xx; invalid signatures store nothing.
// Needs a production build of apps/web (`npm run build -w @undersigned/web`); skipped otherwise.
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import fc from 'fast-check';
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '@undersigned/core/testing';
import { deleteTestKeys, startWebServer, testEnv, type WebServer } from '@undersigned/testing';

const WEB = path.resolve(__dirname, '..', '..');
const built = existsSync(path.join(WEB, '.next', 'BUILD_ID'));
let env: Record<string, string> = {};
let server: WebServer | undefined;
let base = '';
let slug = '';
let campaignId = 0;
const runs: Record<string, number> = {};
const statuses: Record<string, number> = {};

/** One raw HTTP request (bytes as given: fetch would re-encode invalid UTF-8). */
function request(method: string, pathAndQuery: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(base);
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: pathAndQuery,
        headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const describeBuilt = built ? describe : describe.skip;
if (!built) console.warn('[http-fuzz] SKIPPED: no production build at apps/web/.next (run `npm run build -w @undersigned/web`)');

describeBuilt('production server under generated bad input over HTTP', () => {
  // The server's connections must be closed before the database is dropped under them.
  const t = useTestDatabase('web_http_fuzz', { beforeDrop: () => server?.stop() });
  beforeAll(async () => {
    const c = await createCampaign(t.db, { titleEs: 'Prueba' });
    slug = c.slug;
    campaignId = c.id;
    env = testEnv({ databaseUrl: t.url, label: 'web_http_fuzz' });
    server = await startWebServer({ env });
    base = server.url;
  }, 90_000);

  afterAll(async () => {
    console.log(
      `[http-fuzz] generated requests: ${JSON.stringify(runs)}; total ${Object.values(runs).reduce((a, b) => a + b, 0)}; statuses ${JSON.stringify(statuses)}`,
    );
    await deleteTestKeys(env);
  });

  const tally = (name: string, status: number) => {
    runs[name] = (runs[name] ?? 0) + 1;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 500) throw new Error(`${name}: HTTP ${status}`);
  };

  const hostileBytes = fc.oneof(
    fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.from(a)),
    fc.constantFrom(
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), // {"\xff\xfe"}
      Buffer.from('{"person":{"given_name":"\u0000"}}'),
      Buffer.from([0xed, 0xa0, 0x80]), // UTF-8-encoded lone surrogate (invalid)
      Buffer.from('givenName=%FF%FE&familyName=%00&email=a%40b.c&postalCode=95112'),
      Buffer.from('{"person":'.repeat(2000)),
    ),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
  );
  const contentType = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'text/plain',
    '',
    'application/json; charset=utf-16',
  );

  it('sign POST (fast path): raw hostile bytes, wrong content types, huge bodies → never 5xx, nothing stored', async () => {
    const before = await t.db.signature.count({ where: { campaignId } });
    await fc.assert(
      fc.asyncProperty(hostileBytes, contentType, fc.boolean(), async (body, type, huge) => {
        const payload = huge ? Buffer.concat([body, Buffer.alloc(70_000, 0x41)]) : body;
        const res = await request('POST', `/api/v1/petitions/${slug}/signatures`, type ? { 'content-type': type } : {}, payload);
        tally('signPost', res.status);
        expect(res.status).toBeGreaterThanOrEqual(huge ? 413 : 300);
        if (res.status !== 303) expect(() => JSON.parse(res.body)).not.toThrow();
      }),
      { numRuns: 600 },
    );
    expect(await t.db.signature.count({ where: { campaignId } })).toBe(before);
  });

  it('GET pages and APIs with hostile slugs, tokens, codes and query strings → never 5xx', async () => {
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.constantFrom('<script>alert(1)</script>', "' OR 1=1--", '%00', '%ff%fe', '..%2f..%2fetc%2fpasswd', '\u202E', '👩🏽‍🚀', 'a'.repeat(3000)),
    );
    const enc = (s: string) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
    const route = fc.constantFrom(
      (v: string) => `/petitions/${slug}/confirm?token=${enc(v)}`,
      (v: string) => `/es/petitions/${slug}/confirm?token=${enc(v)}`,
      (v: string) => `/petitions/${slug}/thanks?code=${enc(v)}`,
      (v: string) => `/embed/petitions/${slug}?source=${enc(v)}&ref=${enc(v)}`,
      (v: string) => `/petitions/${slug}?ref=${enc(v)}&source=${enc(v)}`,
      (v: string) => `/petitions/${enc(v)}`,
      (v: string) => `/api/v1/petitions/${enc(v)}/count`,
      (v: string) => `/api/v1/petitions?page=${enc(v)}&per_page=${enc(v)}`,
      (v: string) => `/og/petitions/${enc(v)}`,
      (v: string) => `/deliveries/${enc(v)}`,
      (v: string) => `/images/${enc(v)}`,
    );
    await fc.assert(
      fc.asyncProperty(route, raw, async (make, v) => {
        const res = await request('GET', make(v), {});
        tally('get', res.status);
      }),
      { numRuns: 500 },
    );
  }, 120_000);
});
