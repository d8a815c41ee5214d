// Flood drill for the signing rate limits (issue 7 "Authorization and security", issue 3 limits):
// a burst from one IP and a burst from one email domain through handleSignPost — the production
// fast path — with the DEFAULT limits, real Redis and real Postgres (group commit).
// Proves: up to the suspicious tier signatures count; above it they are stored `held` for review
// with the rule's reason (issue 15) and not counted; from the block level on the answer is 429 with Retry-After and nothing is stored.
import { DEFAULT_SIGNATURE_LIMITS, getSignatureCount } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let endpoint: typeof import('./sign-endpoint');

beforeAll(async () => {
  t = await startWebTestApp('web_flood');
  endpoint = await import('./sign-endpoint');
  // The app's Redis connects lazily and fails open until it is up (by design); a flood test
  // measures the limits themselves, so wait for the connection first.
  const appRedis = (await import('./redis')).getRedis();
  if (appRedis.status !== 'ready') await new Promise((resolve) => appRedis.once('ready', resolve));
});

afterAll(async () => {
  await t.close();
});

function body(email: string) {
  return JSON.stringify({
    person: { given_name: 'Flo', family_name: 'Od', email_addresses: [{ address: email }], postal_addresses: [{ postal_code: '95112' }] },
  });
}

/** Sends `n` signatures, `concurrency` at a time; returns the answers in send order. */
async function flood(slug: string, n: number, concurrency: number, make: (i: number) => { email: string; ip: string }) {
  const answers: { status: number; headers: Record<string, string> }[] = [];
  for (let start = 0; start < n; start += concurrency) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(concurrency, n - start) }, (_, k) => {
        const { email, ip } = make(start + k);
        return endpoint.handleSignPost({ slug, contentType: 'application/json', body: body(email), ip, locale: null });
      }),
    );
    answers.push(...batch);
  }
  return answers;
}

async function tally(campaignId: number) {
  const rows = await t.db.signature.groupBy({ by: ['status'], where: { campaignId }, _count: true });
  const byStatus = Object.fromEntries(rows.map((r) => [r.status, r._count]));
  const reasons = await t.db.signature.groupBy({ by: ['heldReason'], where: { campaignId, status: 'held' }, _count: true });
  const byReason = Object.fromEntries(reasons.map((r) => [r.heldReason, r._count]));
  return { byStatus, byReason, publicCount: await getSignatureCount(t.db, campaignId) };
}

describe('rate limits under a flood (default limits, through handleSignPost)', () => {
  it('one IP: 60 counted, the rest up to the block level held for review (ip_rate) and uncounted, then 429 with Retry-After', async () => {
    const { perIp } = DEFAULT_SIGNATURE_LIMITS;
    const c = await createCampaign(t.db);
    const total = perIp.blockAt + 40;
    // Shared provider domain, so only the per-IP rule applies.
    const answers = await flood(c.slug, total, 20, (i) => ({ email: `flooder${i}@gmail.com`, ip: '203.0.113.7' }));
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(0);
    const limited = answers.filter((a) => a.status === 429);
    const accepted = answers.filter((a) => a.status === 200);
    expect(accepted.length + limited.length).toBe(total);
    expect(limited.length).toBe(total - perIp.blockAt);
    for (const a of limited) expect(Number(a.headers['Retry-After'])).toBeGreaterThan(0);
    const { byStatus, byReason, publicCount } = await tally(c.id);
    console.log(
      `[flood] one IP: ${total} sent → ${accepted.length} accepted (${JSON.stringify(byStatus)}), ${limited.length} × 429; public count ${publicCount}`,
    );
    expect(byStatus.confirmed).toBe(perIp.suspiciousAbove);
    expect(byStatus.held).toBe(accepted.length - perIp.suspiciousAbove);
    expect(byReason).toEqual({ ip_rate: accepted.length - perIp.suspiciousAbove });
    expect(byStatus.fraudulent).toBeUndefined();
    expect(publicCount).toBe(perIp.suspiciousAbove);
    // Another IP is untouched by the flood.
    const other = await endpoint.handleSignPost({
      slug: c.slug,
      contentType: 'application/json',
      body: body('bystander@gmail.com'),
      ip: '203.0.113.8',
      locale: null,
    });
    expect(other.status).toBe(200);
    expect((await tally(c.id)).publicCount).toBe(perIp.suspiciousAbove + 1);
  });

  it('one email domain from many IPs: 50 counted, then held for review (domain_rate) uncounted, then 429 with Retry-After', async () => {
    const { perEmailDomain } = DEFAULT_SIGNATURE_LIMITS;
    const c = await createCampaign(t.db);
    const total = perEmailDomain.blockAt + 30;
    const answers = await flood(c.slug, total, 20, (i) => ({ email: `bot${i}@flood-${process.pid}.example`, ip: `198.18.${i >> 8}.${i & 255}` }));
    expect(answers.filter((a) => a.status >= 500)).toHaveLength(0);
    const limited = answers.filter((a) => a.status === 429);
    const accepted = answers.filter((a) => a.status === 200);
    expect(limited.length).toBe(total - perEmailDomain.blockAt);
    for (const a of limited) expect(Number(a.headers['Retry-After'])).toBeGreaterThan(0);
    const { byStatus, byReason, publicCount } = await tally(c.id);
    console.log(
      `[flood] one domain: ${total} sent → ${accepted.length} accepted (${JSON.stringify(byStatus)}), ${limited.length} × 429; public count ${publicCount}`,
    );
    expect(byStatus.confirmed).toBe(perEmailDomain.suspiciousAbove);
    expect(byStatus.held).toBe(accepted.length - perEmailDomain.suspiciousAbove);
    expect(byReason).toEqual({ domain_rate: accepted.length - perEmailDomain.suspiciousAbove });
    expect(publicCount).toBe(perEmailDomain.suspiciousAbove);
    // A signer from another domain is not held back by the flood.
    const other = await endpoint.handleSignPost({
      slug: c.slug,
      contentType: 'application/json',
      body: body('someone@elsewhere.example'),
      ip: '198.19.0.1',
      locale: null,
    });
    expect(other.status).toBe(200);
  });
});
