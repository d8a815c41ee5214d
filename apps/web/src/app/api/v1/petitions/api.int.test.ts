// The OSDI API and the form post, called as route handlers against a real Postgres and Redis.
import { createCampaign } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
type Routes = {
  collection: typeof import('./route');
  petition: typeof import('./[slug]/route');
  signatures: typeof import('./[slug]/signatures/route');
  count: typeof import('./[slug]/count/route');
  core: typeof import('@undersigned/core');
};
let r: Routes;

beforeAll(async () => {
  t = await startWebTestApp('web_api');
  r = {
    collection: await import('./route'),
    petition: await import('./[slug]/route'),
    signatures: await import('./[slug]/signatures/route'),
    count: await import('./[slug]/count/route'),
    core: await import('@undersigned/core'),
  };
});

afterAll(async () => {
  await t.close();
});

let ipCounter = 0;
function nextIp() {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

const params = (slug: string) => ({ params: Promise.resolve({ slug }) });

function osdiBody(overrides: { email?: string; postal?: string; given?: string } = {}) {
  return {
    person: {
      given_name: overrides.given ?? 'Ana',
      family_name: 'Ruiz',
      email_addresses: [{ address: overrides.email ?? `ana${Math.random().toString(36).slice(2)}@example.net` }],
      postal_addresses: [{ postal_code: overrides.postal ?? '95112' }],
    },
    referrer_data: { source: 'partner_site' },
  };
}

function postJson(slug: string, body: unknown, ip = nextIp()) {
  return r.signatures.POST(
    new Request(`https://petitions.example/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify(body),
    }),
    params(slug),
  );
}

function postForm(slug: string, fields: Record<string, string>, ip = nextIp()) {
  return r.signatures.POST(
    new Request(`https://petitions.example/api/v1/petitions/${slug}/signatures`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams(fields).toString(),
    }),
    params(slug),
  );
}

const count = async (campaignId: number) => r.core.getSignatureCount(t.db, campaignId);

describe('POST /api/v1/petitions/{slug}/signatures (OSDI JSON)', () => {
  it('records a signature, answers an OSDI signature without the email, and raises the count by one', async () => {
    const c = await createCampaign(t.db);
    const res = await postJson(c.slug, osdiBody({ email: 'first@example.net' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    expect(body).toMatchObject({ status: 'confirmed', identifiers: [expect.stringMatching(/^undersigned_share:/)] });
    expect(JSON.stringify(body)).not.toContain('first@example.net');
    expect(await count(c.id)).toBe(1);
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
    expect(row).toMatchObject({ source: 'partner_site', status: 'confirmed' });
    expect(row.ipHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a repeat (other case, spaces) exactly like a first signature and does not count it', async () => {
    const c = await createCampaign(t.db);
    const first = await postJson(c.slug, osdiBody({ email: 'Repeat.Me@Example.net' }));
    const again = await postJson(c.slug, osdiBody({ email: '  repeat.me@example.NET ' }));
    expect(again.status).toBe(first.status);
    const strip = (b: Record<string, unknown>) => ({ ...b, created_date: 'x', modified_date: 'x' });
    expect(strip(await again.json())).toEqual(strip(await first.json()));
    expect(await count(c.id)).toBe(1);
  });

  it('rejects bad fields with 400 { error, fields } keyed by OSDI path and writes nothing', async () => {
    const c = await createCampaign(t.db);
    const res = await postJson(c.slug, osdiBody({ email: 'not-an-email', postal: '!' }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error).toBe('validation');
    expect(Object.keys(body.fields).sort()).toEqual(['person.email_addresses[0].address', 'person.postal_addresses[0].postal_code']);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
    expect((await postJson(c.slug, { person: {} })).status).toBe(400);
  });

  it('answers 400 for a body that is not JSON and 413 for an oversized body', async () => {
    const c = await createCampaign(t.db);
    const bad = await r.signatures.POST(
      new Request(`https://petitions.example/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' }),
      params(c.slug),
    );
    expect(bad.status).toBe(400);
    const huge = await postJson(c.slug, { ...osdiBody(), comments: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });

  it('refuses closed and draft campaigns with 409 and unknown slugs with 404', async () => {
    const closed = await createCampaign(t.db, { status: 'closed' });
    const draft = await createCampaign(t.db, { status: 'draft' });
    expect((await postJson(closed.slug, osdiBody())).status).toBe(409);
    expect((await postJson(draft.slug, osdiBody())).status).toBe(409);
    expect((await postJson('no-such-petition', osdiBody())).status).toBe(404);
    expect(await t.db.signature.count({ where: { campaignId: { in: [closed.id, draft.id] } } })).toBe(0);
  });

  /** Earlier attempts from one IP, recorded through the limiter itself (default limits). */
  async function recordAttempts(ipHash: string, n: number) {
    const limiter = r.core.createSignatureLimiter(t.redis);
    await Promise.all(Array.from({ length: n }, () => limiter.check({ ipHash, emailDomain: 'gmail.com', prefix: t.env.RATE_LIMIT_PREFIX })));
  }

  it('answers 429 with Retry-After once an IP is over its limit, and stores nothing', async () => {
    const c = await createCampaign(t.db);
    const ip = '203.0.113.77';
    const ipHash = r.core.hashIp(ip, t.env.IP_HASH_SECRET!);
    await recordAttempts(ipHash, 300);
    const res = await postJson(c.slug, osdiBody(), ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });

  it('holds a suspicious-but-plausible signature for review (ip_rate), uncounted, answered like any other', async () => {
    const c = await createCampaign(t.db);
    const ip = '203.0.113.78';
    await recordAttempts(r.core.hashIp(ip, t.env.IP_HASH_SECRET!), 60);
    const res = await postJson(c.slug, osdiBody(), ip);
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('confirmed');
    expect(await count(c.id)).toBe(0);
    expect(await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } })).toMatchObject({ status: 'held', heldReason: 'ip_rate' });
  });

  it('stores a pending signature for a campaign that confirms by email, and counts it only after confirmation', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const res = await postJson(c.slug, osdiBody());
    expect((await res.json()).status).toBe('pending');
    expect(await count(c.id)).toBe(0);
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
    const token = r.core.deriveConfirmToken(row.shareCode, t.env.CONFIRM_TOKEN_SECRET!);
    await r.core.confirmSignature(t.db, token);
    expect(await count(c.id)).toBe(1);
  });
});

describe('POST /api/v1/petitions/{slug}/signatures (HTML form)', () => {
  const fields = (email: string) => ({ given_name: 'Bo', family_name: 'Ka', email, postal_code: '95112', source: 'flyer', ref: 'abcdefgh' });

  it('answers 303 to the thanks page with the referral code and stores source and referrer', async () => {
    const c = await createCampaign(t.db);
    const res = await postForm(c.slug, fields('form@example.net'));
    expect(res.status).toBe(303);
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } });
    expect(res.headers.get('location')).toBe(`https://petitions.example/petitions/${c.slug}/thanks?code=${row.shareCode}`);
    expect(row).toMatchObject({ source: 'flyer', referrerCode: 'abcdefgh' });
    expect(await count(c.id)).toBe(1);
  });

  it('sends Spanish signers to the Spanish thanks page', async () => {
    const c = await createCampaign(t.db, { titleEs: 'Petición' });
    const res = await postForm(c.slug, { ...fields('es@example.net'), locale: 'es' });
    expect(res.headers.get('location')).toMatch(new RegExp(`/es/petitions/${c.slug}/thanks\\?code=`));
  });

  it('silently stores a filled honeypot as fraudulent and answers like a real signature', async () => {
    const c = await createCampaign(t.db);
    const res = await postForm(c.slug, { ...fields('bot@example.net'), website: 'http://spam.example' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/thanks?code=');
    expect(await count(c.id)).toBe(0);
    expect((await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id } })).status).toBe('fraudulent');
  });

  it('sends an invalid form back to the petition form (303) and writes nothing', async () => {
    const c = await createCampaign(t.db);
    const res = await postForm(c.slug, { ...fields('nope'), given_name: '' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(new RegExp(`/petitions/${c.slug}\\?source=flyer&ref=abcdefgh#sign$`));
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });
});

describe('GET endpoints', () => {
  it('serves the OSDI collection with _embedded osdi:petitions, paging and no drafts', async () => {
    const draft = await createCampaign(t.db, { status: 'draft' });
    const res = await r.collection.GET(new Request('https://petitions.example/api/v1/petitions?per_page=2'));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = await res.json();
    expect(body).toMatchObject({ page: 1, per_page: 2, total_pages: expect.any(Number), total_records: expect.any(Number) });
    expect(body._embedded['osdi:petitions'].length).toBeLessThanOrEqual(2);
    expect(body._links.self.href).toContain('/api/v1/petitions');
    const all = await (await r.collection.GET(new Request('https://petitions.example/api/v1/petitions?per_page=100'))).json();
    expect(all._embedded['osdi:petitions'].map((p: { browser_url: string }) => p.browser_url)).not.toContain(
      `https://petitions.example/petitions/${draft.slug}`,
    );
  });

  it('serves one OSDI petition with targets and the live count, without target emails', async () => {
    const c = await createCampaign(t.db, {
      targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', organization: 'City of San José', email: 'mayor@city.example' }],
    });
    await postJson(c.slug, osdiBody());
    const res = await r.petition.GET(new Request(`https://petitions.example/api/v1/petitions/${c.slug}`), params(c.slug));
    const body = await res.json();
    expect(body).toMatchObject({
      identifiers: [`undersigned:${c.id}`, `undersigned_slug:${c.slug}`],
      title: 'Test petition',
      petition_text: 'Please do the thing.',
      browser_url: `https://petitions.example/petitions/${c.slug}`,
      total_signatures: 1,
      target: [{ title: 'Mayor', given_name: 'Sam', family_name: 'Liccardo', organization: 'City of San José' }],
    });
    expect(JSON.stringify(body)).not.toContain('mayor@city.example');
    expect((await r.petition.GET(new Request('https://x/'), params('nope'))).status).toBe(404);
  });

  it('serves the count for widgets, cacheable for a few seconds, 404 for drafts', async () => {
    const c = await createCampaign(t.db);
    await postJson(c.slug, osdiBody());
    const res = await r.count.GET(new Request('https://x/'), params(c.slug));
    expect(await res.json()).toMatchObject({ total_signatures: 1 });
    expect(res.headers.get('cache-control')).toMatch(/max-age=5/);
    const draft = await createCampaign(t.db, { status: 'draft' });
    expect((await r.count.GET(new Request('https://x/'), params(draft.slug))).status).toBe(404);
  });

  it('reports database and Redis reachability on /healthz', async () => {
    const { GET } = await import('../../../healthz/route');
    const res = await GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok', redis: 'ok' });
  });

  it('answers CORS preflight for the signature POST', async () => {
    const res = r.signatures.OPTIONS();
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });
});
