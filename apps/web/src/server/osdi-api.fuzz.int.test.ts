// Property-based bad-input drill of the authenticated OSDI API (issue 13; docs/DESIGN.md
// invariants 7 and 10): fast-check generates query strings (page, per_page, filter, cursor),
// path ids and slugs, and key headers (valid, revoked, rotated, malformed, hostile) for every new
// GET route, and OSDI bodies for the write-key record-signature helper, against a real Postgres
// and Redis. Never a 5xx; a refusal carries only { error, message }; invalid input stores nothing.
import fc from 'fast-check';
import { parseOsdiSignature, signatureInputSchema } from '@undersigned/core';
import { createCampaign, insertApiKey, seedSignatures } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let routes: {
  people: typeof import('@/app/api/v1/people/route');
  person: typeof import('@/app/api/v1/people/[id]/route');
  personSignatures: typeof import('@/app/api/v1/people/[id]/signatures/route');
  signatures: typeof import('@/app/api/v1/petitions/[slug]/signatures/route');
  signature: typeof import('@/app/api/v1/petitions/[slug]/signatures/[id]/route');
};
const runs: Record<string, number> = {};
const statuses: Record<number, number> = {};
let slug = '';
let otherSlug = '';
let campaignId = 0;
let personId = 0;
let signatureId = '';
const keys: Record<string, string> = {};

beforeAll(async () => {
  t = await startWebTestApp('web_osdi_fuzz');
  routes = {
    people: await import('@/app/api/v1/people/route'),
    person: await import('@/app/api/v1/people/[id]/route'),
    personSignatures: await import('@/app/api/v1/people/[id]/signatures/route'),
    signatures: await import('@/app/api/v1/petitions/[slug]/signatures/route'),
    signature: await import('@/app/api/v1/petitions/[slug]/signatures/[id]/route'),
  };
  const c = await createCampaign(t.db);
  const other = await createCampaign(t.db);
  slug = c.slug;
  otherSlug = other.slug;
  campaignId = c.id;
  await seedSignatures(t.db, c.id, { count: 120 });
  const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
  personId = row.personId;
  signatureId = row.id.toString();
  const limit = 100_000;
  keys.write = (await insertApiKey(t.db, { scope: 'write', rateLimitPerMinute: limit })).secret;
  keys.read = (await insertApiKey(t.db, { scope: 'read', rateLimitPerMinute: limit })).secret;
  keys.scoped = (await insertApiKey(t.db, { scope: 'write', campaignIds: [other.id], rateLimitPerMinute: limit })).secret;
  keys.revoked = (await insertApiKey(t.db, { revoked: true })).secret;
  keys.expired = (await insertApiKey(t.db, { previousExpiresAt: new Date(Date.now() - 1000) })).previous!;
});

afterAll(async () => {
  console.log(`[osdi-fuzz] generated requests: ${JSON.stringify(runs)}; statuses ${JSON.stringify(statuses)}`);
  await t.close();
});

const HOSTILE = ["'", "' OR 1=1--", '\u0000', '%00', '<script>', '../..', '👩🏽‍🚀', '\u202E', '9'.repeat(40), '-1', '0', '1e9', 'NaN', ' and ', "''"];
const nasty = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom(...HOSTILE));

const filterText = fc.oneof(
  nasty,
  fc
    .tuple(
      fc.constantFrom('modified_date', 'created_date', 'email', 'modified_date ', ''),
      fc.constantFrom('gt', 'lt', 'eq', 'GT', ''),
      fc.oneof(
        fc.date({ min: new Date('1000-01-01'), max: new Date('9999-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
        fc.constantFrom('2026-01-01', '0001-01-01', '2026-02-30', '2026-01-01T00:00:00+14:00'),
        nasty,
      ),
    )
    .map(([f, o, v]) => `${f} ${o} '${v}'`),
);
const cursorText = fc.oneof(
  nasty,
  fc.base64String({ maxLength: 80 }),
  fc
    .record({
      o: fc.constantFrom('id', 'modified', 'created', 'x'),
      a: fc.oneof(fc.constant(null), fc.constantFrom('2026-01-01T00:00:00.000Z', 'nope')),
      i: fc.oneof(fc.constantFrom('1', '99999999999999999999', '-5', '0'), nasty),
      p: fc.oneof(fc.integer({ min: -5, max: 20_000_000 }), fc.double()),
      t: fc.oneof(fc.integer({ min: -5, max: 1_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
      f: fc.constantFrom('', "modified_date gt '2026-01-01'"),
    })
    .map((c) => Buffer.from(JSON.stringify(c)).toString('base64url')),
);
/** Present with probability 1/(1 + absent). */
const sometimes = <T>(arb: fc.Arbitrary<T>, absent: number) =>
  fc.oneof({ weight: 1, arbitrary: arb }, { weight: absent, arbitrary: fc.constant(undefined) });
const query = fc
  .record({
    page: sometimes(fc.oneof(fc.integer({ min: -3, max: 100_000_000 }).map(String), fc.integer({ min: 1, max: 5 }).map(String), nasty), 1),
    per_page: sometimes(fc.oneof(fc.integer({ min: -3, max: 100_000 }).map(String), nasty), 1),
    filter: sometimes(filterText, 2),
    cursor: sometimes(cursorText, 4),
    extra: sometimes(nasty, 3),
  })
  .map((q) => new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string')).toString());

/** Header values a client might send (Request refuses CR/LF/NUL and non-Latin-1 itself, as node's http does). */
const keyHeaders: fc.Arbitrary<Record<string, string>> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('write', 'read', 'scoped').map((k) => ({ 'OSDI-API-Token': keys[k]! })) },
  fc.constantFrom('revoked', 'expired').map((k) => ({ 'OSDI-API-Token': keys[k]! })),
  fc.constantFrom('write', 'read', 'revoked').map((k) => ({ Authorization: `Bearer ${keys[k]!}` })),
  fc.constant({}),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((v) => ({ 'OSDI-API-Token': v })),
  fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((v) => ({ Authorization: v })),
  fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', `bearer   ${'us_' + 'x'.repeat(43)}`).map((v) => ({ Authorization: v })),
);

const ids = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      () => String(personId),
      () => signatureId,
    ),
  },
  fc.constantFrom(
    () => '0',
    () => '2147483648',
    () => '99999999999999999999',
    () => '1.5',
    () => '-1',
  ),
  nasty.map((s) => () => s),
);
const slugs = fc.oneof(
  { weight: 3, arbitrary: fc.constant(() => slug) },
  fc.constantFrom(
    () => slug,
    () => otherSlug,
    () => 'no-such-petition',
  ),
  nasty.map((s) => () => s),
);

function request(path: string, headers: Record<string, string>, init: RequestInit = {}): Request | null {
  try {
    return new Request(`https://petitions.example${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
  } catch {
    return null; // a header no HTTP client can send
  }
}

async function check(name: string, res: Response) {
  runs[name] = (runs[name] ?? 0) + 1;
  statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  if (res.status >= 500) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
  const body = (await res.json()) as Record<string, unknown>;
  if (res.status >= 400) expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect([200, 400, 401, 403, 404, 429]).toContain(res.status);
}

it('every authenticated GET: generated queries, ids, slugs and key headers → never 5xx, refusals carry no data', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 4 }), query, ids, slugs, keyHeaders, async (route, q, id, s, headers) => {
      const seg = encodeURIComponent(id().replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
      const sl = s().replace(/[\uD800-\uDFFF]/g, '\uFFFD');
      const paths = [
        `/api/v1/people?${q}`,
        `/api/v1/people/${seg}?${q}`,
        `/api/v1/people/${seg}/signatures?${q}`,
        `/api/v1/petitions/${encodeURIComponent(sl)}/signatures?${q}`,
        `/api/v1/petitions/${encodeURIComponent(sl)}/signatures/${seg}?${q}`,
      ];
      const req = request(paths[route]!, headers);
      if (!req) return;
      const params = { id: decodeURIComponent(seg), slug: sl };
      const res = await [
        () => routes.people.GET(req),
        () => routes.person.GET(req, { params: Promise.resolve(params) }),
        () => routes.personSignatures.GET(req, { params: Promise.resolve(params) }),
        () => routes.signatures.GET(req, { params: Promise.resolve(params) }),
        () => routes.signature.GET(req, { params: Promise.resolve(params) }),
      ][route]!();
      await check(['people', 'person', 'personSignatures', 'petitionSignatures', 'signature'][route]!, res);
    }),
    { numRuns: 700 },
  );
}, 60_000);

const validEmail = fc.stringMatching(/^[a-z0-9]{1,10}$/).map((l) => `${l}.${process.pid}.${Math.random().toString(36).slice(2, 8)}@example.net`);
const fieldValue = fc.oneof(nasty, fc.integer(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }));
const body = fc
  .record({
    given: fc.oneof(fc.constantFrom('Ana', 'José', '<b>x</b>'), fieldValue),
    family: fc.oneof(fc.constantFrom('Ruiz', "O'Brien"), fieldValue),
    email: fc.oneof(validEmail, validEmail, fieldValue),
    postal: fc.oneof(fc.constantFrom('95112', '10001', 'SW1A 1AA'), fieldValue),
    comments: fc.option(fieldValue, { nil: undefined }),
    drop: fc.constantFrom('none', 'none', 'person', 'email_addresses', 'postal_addresses'),
  })
  .map((v) => {
    const person: Record<string, unknown> = {
      given_name: v.given,
      family_name: v.family,
      email_addresses: [{ address: v.email }],
      postal_addresses: [{ postal_code: v.postal }],
    };
    if (v.drop !== 'none' && v.drop !== 'person') delete person[v.drop];
    return v.drop === 'person' ? { comments: v.comments } : { person, comments: v.comments };
  });

/** What the sign path accepts, from core's own rules. */
function isValid(b: unknown): boolean {
  const parsed = parseOsdiSignature(b, 'en');
  return parsed.ok && signatureInputSchema.safeParse(parsed.input).success;
}

it('the write-key record-signature helper: generated bodies and keys → never 5xx; invalid or refused stores nothing', async () => {
  let n = 0;
  await fc.assert(
    fc.asyncProperty(body, keyHeaders, slugs, fc.boolean(), async (b, headers, s, raw) => {
      const sl = s().replace(/[\uD800-\uDFFF]/g, '\uFFFD');
      const payload = raw ? JSON.stringify(b).slice(0, Math.max(1, JSON.stringify(b).length - 3)) : JSON.stringify(b);
      n += 1;
      const req = request(`/api/v1/petitions/${encodeURIComponent(sl)}/signatures`, headers, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${n % 250}` },
        body: payload,
      });
      if (!req) return;
      const before = await t.db.signature.count({ where: { campaignId } });
      const res = await routes.signatures.POST(req, { params: Promise.resolve({ slug: sl }) });
      runs.writePost = (runs.writePost ?? 0) + 1;
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status >= 500) throw new Error(`writePost: HTTP ${res.status} ${await res.text()}`);
      const after = await t.db.signature.count({ where: { campaignId } });
      const valid = !raw && isValid(b);
      if (res.status !== 200 || !valid) expect(after).toBe(before);
      if (!valid) expect(res.status).toBeGreaterThanOrEqual(400);
      if (res.status === 200 && sl === slug && headers['OSDI-API-Token'] === keys.write) {
        const answer = (await res.json()) as { identifiers: string[] };
        expect(answer.identifiers[0]).toMatch(/^undersigned:\d+$/);
      }
    }),
    { numRuns: 400 },
  );
}, 60_000);
