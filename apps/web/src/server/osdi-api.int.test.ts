// The authenticated OSDI API (issue 13), called as route handlers against a real Postgres and
// Redis: the key matrix (nothing leaks on a refusal), keyset paging of a 10,000-signature campaign
// while signatures keep arriving, modified_date filters, erasure and anonymisation, the write key
// on the record-signature helper, and the per-key rate limit.
import { createCampaign, createStaffActor, insertApiKey, seedSignatures } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
type Routes = {
  entry: typeof import('@/app/api/v1/route');
  people: typeof import('@/app/api/v1/people/route');
  person: typeof import('@/app/api/v1/people/[id]/route');
  personSignatures: typeof import('@/app/api/v1/people/[id]/signatures/route');
  signatures: typeof import('@/app/api/v1/petitions/[slug]/signatures/route');
  signature: typeof import('@/app/api/v1/petitions/[slug]/signatures/[id]/route');
  core: typeof import('@undersigned/core');
};
let r: Routes;

beforeAll(async () => {
  t = await startWebTestApp('web_osdi');
  r = {
    entry: await import('@/app/api/v1/route'),
    people: await import('@/app/api/v1/people/route'),
    person: await import('@/app/api/v1/people/[id]/route'),
    personSignatures: await import('@/app/api/v1/people/[id]/signatures/route'),
    signatures: await import('@/app/api/v1/petitions/[slug]/signatures/route'),
    signature: await import('@/app/api/v1/petitions/[slug]/signatures/[id]/route'),
    core: await import('@undersigned/core'),
  };
});

afterAll(async () => {
  await t.close();
});

const BASE = 'https://petitions.example';
type Auth = { key?: string; bearer?: string };
const headersFor = (auth: Auth): Record<string, string> => ({
  ...(auth.key !== undefined ? { 'OSDI-API-Token': auth.key } : {}),
  ...(auth.bearer !== undefined ? { Authorization: `Bearer ${auth.bearer}` } : {}),
});
const req = (path: string, auth: Auth) => new Request(`${BASE}${path}`, { headers: headersFor(auth) });

/** GET of any authenticated route by path. */
async function get(path: string, auth: Auth): Promise<Response> {
  const url = new URL(`${BASE}${path}`);
  const parts = url.pathname.split('/').filter(Boolean).slice(2); // after api/v1
  const request = req(`${url.pathname}${url.search}`, auth);
  if (parts[0] === 'people' && parts.length === 1) return r.people.GET(request);
  if (parts[0] === 'people' && parts.length === 2) return r.person.GET(request, { params: Promise.resolve({ id: parts[1]! }) });
  if (parts[0] === 'people' && parts[2] === 'signatures') return r.personSignatures.GET(request, { params: Promise.resolve({ id: parts[1]! }) });
  if (parts[0] === 'petitions' && parts.length === 3) return r.signatures.GET(request, { params: Promise.resolve({ slug: parts[1]! }) });
  if (parts[0] === 'petitions' && parts.length === 4) {
    return r.signature.GET(request, { params: Promise.resolve({ slug: parts[1]!, id: parts[3]! }) });
  }
  throw new Error(`no route for ${path}`);
}

let ipCounter = 0;
function post(slug: string, body: unknown, auth: Auth, ip = `198.51.100.${(ipCounter += 1) % 250}`) {
  return r.signatures.POST(
    new Request(`${BASE}/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...headersFor(auth) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ slug }) },
  );
}

const osdiBody = (email: string, comment = 'From the CRM') => ({
  person: { given_name: 'Rosa', family_name: 'Parks', email_addresses: [{ address: email }], postal_addresses: [{ postal_code: '95112' }] },
  comments: comment,
  referrer_data: { source: 'crm' },
});

describe('entry point', () => {
  it('links every collection and states the OSDI version and page size', async () => {
    const res = r.entry.GET();
    const body = await res.json();
    expect(body).toMatchObject({ osdi_version: '1.0', max_pagesize: 100, vendor_name: 'Undersigned' });
    expect(body._links['osdi:people'].href).toBe(`${BASE}/api/v1/people`);
    expect(body._links['osdi:petitions'].href).toBe(`${BASE}/api/v1/petitions`);
  });
});

describe('the key matrix: refusals never carry data', () => {
  let slug: string;
  let otherSlug: string;
  let personId: number;
  let signatureId: string;
  const SECRET_EMAIL = 'matrix-signer@example.org';

  beforeAll(async () => {
    const c = await createCampaign(t.db);
    const other = await createCampaign(t.db);
    slug = c.slug;
    otherSlug = other.slug;
    const write = await insertApiKey(t.db, { scope: 'write' });
    const res = await post(slug, osdiBody(SECRET_EMAIL, 'matrix comment'), { key: write.secret });
    expect(res.status).toBe(200);
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
    personId = row.personId;
    signatureId = row.id.toString();
  });

  const paths = () => [
    '/api/v1/people',
    `/api/v1/people/${personId}`,
    `/api/v1/people/${personId}/signatures`,
    `/api/v1/petitions/${slug}/signatures`,
    `/api/v1/petitions/${slug}/signatures/${signatureId}`,
  ];

  async function expectRefusal(res: Response, status: number, error: string) {
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error, message: expect.any(String) });
    expect(text).not.toContain(SECRET_EMAIL);
    expect(text).not.toContain('Rosa');
    expect(text).not.toContain('matrix comment');
    expect(text).not.toContain(signatureId === '' ? 'x' : `signatures/${signatureId}`);
    return res;
  }

  it('answers 401 with WWW-Authenticate to no key, a malformed key, an unknown key and a revoked key, on every route', async () => {
    const revoked = await insertApiKey(t.db, { revoked: true });
    const unknown = `us_${'A'.repeat(43)}`;
    for (const path of paths()) {
      for (const auth of [
        {},
        { key: '' },
        { key: 'nope' },
        { key: unknown },
        { bearer: unknown },
        { key: revoked.secret },
        { bearer: revoked.secret },
      ] as Auth[]) {
        const res = await expectRefusal(await get(path, auth), 401, 'unauthorized');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
  });

  it('accepts a rotated-out secret until its grace period ends, then 401', async () => {
    const live = await insertApiKey(t.db, { previousExpiresAt: new Date(Date.now() + 3_600_000) });
    const expired = await insertApiKey(t.db, { previousExpiresAt: new Date(Date.now() - 1_000) });
    expect((await get('/api/v1/people', { key: live.previous! })).status).toBe(200);
    expect((await get('/api/v1/people', { key: live.secret })).status).toBe(200);
    for (const path of paths()) await expectRefusal(await get(path, { key: expired.previous! }), 401, 'unauthorized');
    expect((await get('/api/v1/people', { bearer: expired.secret })).status).toBe(200);
  });

  it('answers 403 to a key limited to another campaign (petition level) and 404 for people it cannot see', async () => {
    const other = await t.db.campaign.findUniqueOrThrow({ where: { slug: otherSlug } });
    const scoped = await insertApiKey(t.db, { campaignIds: [other.id], scope: 'write' });
    await expectRefusal(await get(`/api/v1/petitions/${slug}/signatures`, { key: scoped.secret }), 403, 'forbidden');
    await expectRefusal(await get(`/api/v1/petitions/${slug}/signatures/${signatureId}`, { key: scoped.secret }), 403, 'forbidden');
    await expectRefusal(await get(`/api/v1/people/${personId}`, { key: scoped.secret }), 404, 'not_found');
    await expectRefusal(await get(`/api/v1/people/${personId}/signatures`, { key: scoped.secret }), 404, 'not_found');
    const people = await get('/api/v1/people?per_page=100', { key: scoped.secret });
    expect(people.status).toBe(200);
    expect(await people.text()).not.toContain(SECRET_EMAIL);
    const before = await t.db.signature.count();
    await expectRefusal(await post(slug, osdiBody('scoped-writer@example.org'), { key: scoped.secret }), 403, 'forbidden');
    expect(await t.db.signature.count()).toBe(before);
  });

  it('answers 403 to a read-only key recording a signature, 401 to a bad key, and stores nothing', async () => {
    const read = await insertApiKey(t.db, { scope: 'read' });
    const before = await t.db.signature.count();
    await expectRefusal(await post(slug, osdiBody('reader@example.org'), { key: read.secret }), 403, 'forbidden');
    await expectRefusal(await post(slug, osdiBody('reader@example.org'), { bearer: `us_${'B'.repeat(43)}` }), 401, 'unauthorized');
    await expectRefusal(await post(slug, osdiBody('reader@example.org'), { key: 'garbage' }), 401, 'unauthorized');
    expect(await t.db.signature.count()).toBe(before);
  });

  it('serves a covered key its data, privately', async () => {
    const read = await insertApiKey(t.db, { scope: 'read' });
    const res = await get(`/api/v1/people/${personId}`, { key: read.secret });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.json()).toMatchObject({ email_addresses: [{ address: SECRET_EMAIL, status: 'unsubscribed' }], given_name: 'Rosa' });
    // last_used_at is written without the answer waiting for it.
    const lastUsed = async () => (await t.db.apiKey.findUniqueOrThrow({ where: { id: read.id } })).lastUsedAt;
    for (let i = 0; i < 50 && !(await lastUsed()); i++) await new Promise((f) => setTimeout(f, 20));
    const first = await lastUsed();
    expect(first).not.toBeNull();
    // …at most once a minute.
    await get(`/api/v1/people/${personId}`, { key: read.secret });
    await new Promise((f) => setTimeout(f, 100));
    expect(await lastUsed()).toEqual(first);
  });
});

describe('paging', () => {
  it('walks a 10,000-signature campaign by _links.next while signatures arrive: every row there at the start exactly once', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 10_000 });
    const initial = new Set((await t.db.signature.findMany({ where: { campaignId: c.id }, select: { id: true } })).map((s) => `undersigned:${s.id}`));
    const key = await insertApiKey(t.db, { campaignIds: [c.id], rateLimitPerMinute: 10_000 });
    let arriving = true;
    let arrived = 0;
    const writer = (async () => {
      while (arriving) {
        await seedSignatures(t.db, c.id, { count: 20 });
        arrived += 20;
        await new Promise((f) => setTimeout(f, 5));
      }
    })();
    const seen = new Map<string, number>();
    let url: string | null = `/api/v1/petitions/${c.slug}/signatures?per_page=100`;
    const timings: number[] = [];
    let pages = 0;
    let firstTotal = 0;
    while (url) {
      const started = performance.now();
      const res = await get(url, { key: key.secret });
      timings.push(performance.now() - started);
      expect(res.status).toBe(200);
      const body = await res.json();
      pages += 1;
      if (pages === 1) firstTotal = body.total_records;
      expect(body.total_records).toBe(firstTotal);
      expect(body.page).toBe(pages);
      for (const s of body._embedded['osdi:signatures']) {
        const id = s.identifiers[0] as string;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      url = body._links.next ? body._links.next.href.slice(BASE.length) : null;
      if (pages > 400) throw new Error('runaway walk');
    }
    arriving = false;
    await writer;
    expect(firstTotal).toBeGreaterThanOrEqual(10_000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    for (const id of initial) expect(seen.has(id)).toBe(true);
    expect(arrived).toBeGreaterThan(0);
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `[osdi paging] ${pages} pages, ${seen.size} rows (${arrived} arrived during the walk); first page ${timings[0]!.toFixed(1)} ms (counts), ` +
        `pages 2–11 avg ${avg(timings.slice(1, 11)).toFixed(1)} ms, last 10 avg ${avg(timings.slice(-10)).toFixed(1)} ms`,
    );
  }, 60_000);

  it('falls back to OFFSET for page=N, caps per_page at 100, and links previous', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 250 });
    const key = await insertApiKey(t.db);
    const page3 = await (await get(`/api/v1/petitions/${c.slug}/signatures?page=3&per_page=1000`, { key: key.secret })).json();
    expect(page3).toMatchObject({ page: 3, per_page: 100, total_pages: 3, total_records: 250 });
    expect(page3._embedded['osdi:signatures']).toHaveLength(50);
    expect(page3._links.next).toBeUndefined();
    expect(page3._links.previous.href).toBe(`${BASE}/api/v1/petitions/${c.slug}/signatures?page=2&per_page=100`);
    const first = await (await get(`/api/v1/petitions/${c.slug}/signatures`, { key: key.secret })).json();
    expect(first).toMatchObject({ page: 1, per_page: 25, total_pages: 10 });
    expect(first._links.next.href).toMatch(/[?&]cursor=/);
  });

  it('answers 400 invalid_filter / invalid_cursor for what it cannot read', async () => {
    const key = await insertApiKey(t.db);
    for (const filter of ["email eq 'x'", "modified_date gt 'soon'", "modified_date gt '2026-01-01' or created_date lt '2026-01-01'"]) {
      const res = await get(`/api/v1/people?filter=${encodeURIComponent(filter)}`, { key: key.secret });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'invalid_filter', message: expect.any(String) });
    }
    const res = await get('/api/v1/people?cursor=abc', { key: key.secret });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toBe('invalid_cursor');
  });
});

describe('modified_date filters', () => {
  it('returns exactly the signatures and people changed after T (moderated and newly signed)', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 60 });
    const key = await insertApiKey(t.db, { scope: 'write', rateLimitPerMinute: 10_000 });
    const T = (await t.db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0]!.now;
    await new Promise((f) => setTimeout(f, 20));
    const rows = await t.db.signature.findMany({ where: { campaignId: c.id }, orderBy: { id: 'asc' }, select: { id: true } });
    const moderated = rows.filter((_, i) => i % 9 === 0).map((s) => s.id);
    const actor = await createStaffActor(t.db, { email: `mod-${Date.now()}@org.example`, role: 'admin' });
    await r.core.moderateSignatures(t.db, actor, { selection: { campaignId: c.id, ids: moderated }, status: 'fraudulent' });
    const fresh: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(c.slug, osdiBody(`after-t-${i}-${Date.now()}@example.org`), { key: key.secret });
      expect(res.status).toBe(200);
      fresh.push((await res.json()).identifiers[0]);
    }
    const filter = encodeURIComponent(`modified_date gt '${T.toISOString()}'`);
    const sigs = await (await get(`/api/v1/petitions/${c.slug}/signatures?per_page=100&filter=${filter}`, { key: key.secret })).json();
    const got = sigs._embedded['osdi:signatures'] as { identifiers: string[]; status: string; modified_date: string }[];
    expect(got.map((s) => s.identifiers[0]).sort()).toEqual([...moderated.map((id) => `undersigned:${id}`), ...fresh].sort());
    expect(got.filter((s) => s.status === 'fraudulent')).toHaveLength(moderated.length);
    // In (modified_date, id) order.
    const dates = got.map((s) => s.modified_date);
    expect([...dates].sort()).toEqual(dates);
    const people = await (await get(`/api/v1/people?per_page=100&filter=${filter}`, { key: key.secret })).json();
    expect(people.total_records).toBe(3);
    const lt = await (
      await get(`/api/v1/petitions/${c.slug}/signatures?per_page=100&filter=${encodeURIComponent(`modified_date lt '${T.toISOString()}'`)}`, {
        key: key.secret,
      })
    ).json();
    expect(lt.total_records).toBe(60 - moderated.length);
  });
});

describe('erasure and anonymisation', () => {
  it('an erased person disappears from people, the person, their signatures and the petition signatures', async () => {
    const c = await createCampaign(t.db);
    const key = await insertApiKey(t.db, { scope: 'write', rateLimitPerMinute: 10_000 });
    const email = `erase-me-${Date.now()}@example.org`;
    const signed = await (await post(c.slug, osdiBody(email), { key: key.secret })).json();
    await post(c.slug, osdiBody(`stays-${Date.now()}@example.org`), { key: key.secret });
    const sigId = (signed.identifiers[0] as string).split(':')[1]!;
    const personId = (signed._links['osdi:person'].href as string).split('/').pop()!;
    expect((await get(`/api/v1/people/${personId}`, { key: key.secret })).status).toBe(200);
    const actor = await createStaffActor(t.db, { email: `eraser-${Date.now()}@org.example`, role: 'admin' });
    await r.core.erasePerson(t.db, actor, { personId: Number(personId) });
    expect((await get(`/api/v1/people/${personId}`, { key: key.secret })).status).toBe(404);
    expect((await get(`/api/v1/people/${personId}/signatures`, { key: key.secret })).status).toBe(404);
    expect((await get(`/api/v1/petitions/${c.slug}/signatures/${sigId}`, { key: key.secret })).status).toBe(404);
    const list = await (await get(`/api/v1/petitions/${c.slug}/signatures`, { key: key.secret })).text();
    expect(list).not.toContain(`undersigned:${sigId}"`);
    expect(JSON.parse(list).total_records).toBe(1);
    const people = await (
      await get(`/api/v1/people?per_page=100&filter=${encodeURIComponent(`created_date gt '${new Date(Date.now() - 60_000).toISOString()}'`)}`, {
        key: key.secret,
      })
    ).text();
    expect(people).not.toContain(email);
    expect(people).not.toContain(`people/${personId}"`);
  });

  it('an anonymised person (data retention) is not in the people collection and is 404, while the signature keeps its status', async () => {
    const c = await createCampaign(t.db, { status: 'closed' });
    await seedSignatures(t.db, c.id, { count: 3, batch: `anon${Date.now()}` });
    const ids = (await t.db.signature.findMany({ where: { campaignId: c.id }, select: { personId: true, id: true } })).map((s) => s);
    await r.core.anonymizeClosedCampaignSigners(t.db, { retentionDays: 0, now: new Date(Date.now() + 60_000) });
    const key = await insertApiKey(t.db, { campaignIds: [c.id] });
    for (const s of ids) expect((await get(`/api/v1/people/${s.personId}`, { key: key.secret })).status).toBe(404);
    const people = await (await get('/api/v1/people', { key: key.secret })).json();
    expect(people.total_records).toBe(0);
    const sigs = await (await get(`/api/v1/petitions/${c.slug}/signatures`, { key: key.secret })).json();
    expect(sigs.total_records).toBe(3);
  });
});

describe('write keys on the record-signature helper', () => {
  it('answers the full signature (and the same row for a repeat), bypassing the per-IP limit a CRM server would hit', async () => {
    const c = await createCampaign(t.db);
    const key = await insertApiKey(t.db, { scope: 'write', campaignIds: [c.id], rateLimitPerMinute: 10_000 });
    const ip = '203.0.113.201';
    const ipHash = r.core.hashIp(ip, t.env.IP_HASH_SECRET!);
    const limiter = r.core.createSignatureLimiter(t.redis);
    await Promise.all(Array.from({ length: 300 }, () => limiter.check({ ipHash, emailDomain: 'gmail.com', prefix: t.env.RATE_LIMIT_PREFIX })));
    // Keyless from that address: blocked.
    expect((await post(c.slug, osdiBody(`keyless-${Date.now()}@example.org`), {}, ip)).status).toBe(429);

    const email = `crm-${Date.now()}@example.org`;
    const res = await post(c.slug, osdiBody(email, 'Signed at the door'), { key: key.secret }, ip);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const body = await res.json();
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
    expect(body).toMatchObject({
      identifiers: [`undersigned:${row.id}`, `undersigned_share:${row.shareCode}`],
      status: 'confirmed',
      comments: 'Signed at the door',
      referrer_data: { source: 'crm', referrer: null },
      _links: {
        self: { href: `${BASE}/api/v1/petitions/${c.slug}/signatures/${row.id}` },
        'osdi:person': { href: `${BASE}/api/v1/people/${row.personId}` },
        'osdi:petition': { href: `${BASE}/api/v1/petitions/${c.slug}` },
      },
    });
    const again = await (await post(c.slug, osdiBody(email.toUpperCase(), 'Again'), { key: key.secret }, ip)).json();
    expect(again.identifiers).toEqual(body.identifiers);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(1);
    // Invalid input with a write key: 400 with fields, nothing stored.
    const bad = await post(c.slug, { person: { given_name: 'X' } }, { key: key.secret }, ip);
    expect(bad.status).toBe(400);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(1);
  });

  it('keeps the blind answer for keyless callers', async () => {
    const c = await createCampaign(t.db);
    const body = await (await post(c.slug, osdiBody(`blind-${Date.now()}@example.org`), {})).json();
    expect(body.identifiers).toEqual([expect.stringMatching(/^undersigned_share:/)]);
    expect(body._links['osdi:person']).toBeUndefined();
  });
});

describe('per-key rate limit', () => {
  it('answers 429 with Retry-After and RateLimit headers past the key’s limit, with no data', async () => {
    const key = await insertApiKey(t.db, { rateLimitPerMinute: 5 });
    for (let i = 0; i < 5; i++) {
      const ok = await get('/api/v1/people', { key: key.secret });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('ratelimit-remaining')).toBe(String(4 - i));
    }
    const res = await get('/api/v1/people', { key: key.secret });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit-limit')).toBe('5');
    expect(await res.json()).toEqual({ error: 'rate_limited', message: expect.any(String) });
    // Another key is not affected.
    const other = await insertApiKey(t.db, { rateLimitPerMinute: 5 });
    expect((await get('/api/v1/people', { key: other.secret })).status).toBe(200);
  });
});
