// Issue 15: the suspicious tier holds signatures for review instead of discarding them; event
// sign-up links exempt their window from the per-IP rule; block and allow lists; throwaway-mail
// domains. Through the production composition (pg pool, group commit, the Redis limiter) with the
// DEFAULT limits, against real Postgres and Redis.
import pg from 'pg';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@undersigned/testing';
import { useTestDatabase } from '@undersigned/db/testing';
import { getSignatureCount } from '../counters/get-signature-count';
import { listRecentSigners } from '../campaigns/list-recent-signers';
import { claimDeliveryRange } from '../deliveries/claim-delivery-range';
import { hashIp } from '../privacy/hash-ip';
import { createSignatureLimiter } from '../ratelimit/create-signature-limiter';
import { DEFAULT_SIGNATURE_LIMITS } from '../ratelimit/signature-limits';
import { createCampaign, signer } from '../testing/fixtures';
import { confirmSignature } from './confirm-signature';
import { deriveConfirmToken } from './confirm-token';
import { createSignatureBatcher } from './create-signature-batcher';
import { createSigner } from './create-signer';
import { pgExecutor, type SqlExecutor } from './sql-executor';

const SECRETS = { ipHash: 'test-ip-hash-secret-0123456789abcdefghij', confirmToken: 'test-confirm-secret-0123456789abcdefghij' };
const prefix = `test:hold:${process.pid}:${Date.now()}`;

let pool: pg.Pool;
let redis: Redis;
let exec: SqlExecutor;
const t = useTestDatabase('hold_for_review', { beforeDrop: () => pool?.end() });
beforeAll(() => {
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  exec = pgExecutor(pool);
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

let run = 0;
/** The production composition with the default limits; lists and events read on every signature. */
function productionSigner() {
  run += 1;
  const queued: string[] = [];
  const s = createSigner({
    exec,
    batcher: createSignatureBatcher(exec),
    limiter: createSignatureLimiter(redis),
    rateLimitPrefix: `${prefix}:${run}`,
    enqueueConfirmation: async (id) => {
      queued.push(id);
    },
    secrets: SECRETS,
    abuseListCacheMs: 0,
  });
  return { ...s, queued };
}

const tally = async (campaignId: number) =>
  Object.fromEntries(
    (await t.db.signature.groupBy({ by: ['status', 'heldReason'], where: { campaignId }, _count: true })).map((r) => [
      r.heldReason ? `${r.status}:${r.heldReason}` : r.status,
      r._count,
    ]),
  );

/** Signs `n` people from one address, 10 at a time (a signing table's pace is irrelevant to the rule). */
async function signMany(s: ReturnType<typeof productionSigner>, slug: string, n: number, ip: string, extra: Record<string, unknown> = {}) {
  const outcomes = [];
  for (let i = 0; i < n; i += 10) {
    outcomes.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, (_, k) =>
          s.sign(slug, { input: signer({ email: `table${run}-${i + k}@gmail.com`, givenName: `Signer${i + k}`, ...extra }), ip }),
        ),
      )),
    );
  }
  return outcomes;
}

async function createEvent(campaignId: number, window: { startsAt: Date; endsAt: Date }, expectedSize = 150, revoked = false) {
  return t.db.campaignEvent.create({
    data: {
      campaignId,
      name: 'Signing table',
      code: `evt${run}${Math.random().toString(36).slice(2, 12)}`,
      expectedSize,
      revokedAt: revoked ? new Date() : null,
      ...window,
    },
  });
}
const HOUR = 3_600_000;
const open = () => ({ startsAt: new Date(Date.now() - HOUR), endsAt: new Date(Date.now() + HOUR) });

describe('held for review (issue 15)', () => {
  it('200 signatures from one IP in an hour: all stored and answered alike, the first 60 counted, the other 140 held (ip_rate), none lost', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    const outcomes = await signMany(s, c.slug, 200, '203.0.113.50');
    expect(outcomes.every((o) => o.ok && o.status === 'confirmed')).toBe(true);
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(200);
    expect(await tally(c.id)).toEqual({ confirmed: DEFAULT_SIGNATURE_LIMITS.perIp.suspiciousAbove, 'held:ip_rate': 140 });
    expect(await getSignatureCount(t.db, c.id)).toBe(60);
    // Held rows get no delivery sequence and never reach a delivery or the public list of signers.
    const delivery = await claimDeliveryRange(t.db, {
      campaignId: c.id,
      targetId: (await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } })).targetId,
      trigger: 'manual',
    });
    expect(delivery?.signatureCount).toBe(60);
    expect(await t.db.signature.count({ where: { campaignId: c.id, status: 'held', seq: { not: null } } })).toBe(0);
    await t.db.campaign.update({ where: { id: c.id }, data: { showRecentSigners: true } });
    const recent = await listRecentSigners(t.db, c.id, 50);
    const heldNames = new Set((await t.db.signature.findMany({ where: { campaignId: c.id, status: 'held' } })).map((r) => r.givenName));
    expect(recent).toHaveLength(50);
    expect(heldNames.size).toBe(140);
    expect(recent.filter((r) => heldNames.has(r.name.split(' ')[0]!))).toHaveLength(0);
  });

  it('an open event link exempts its signatures from the per-IP rule and tags them; dedupe still applies', async () => {
    const c = await createCampaign(t.db);
    const event = await createEvent(c.id, open());
    const s = productionSigner();
    const outcomes = await signMany(s, c.slug, 100, '203.0.113.51', { eventCode: event.code });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await tally(c.id)).toEqual({ confirmed: 100 });
    expect(await t.db.signature.count({ where: { campaignId: c.id, eventId: event.id } })).toBe(100);
    // The same person again through the link: still one signature.
    await s.sign(c.slug, { input: signer({ email: `table${run}-0@gmail.com`, eventCode: event.code }), ip: '203.0.113.51' });
    expect(await getSignatureCount(t.db, c.id)).toBe(100);
    // The address's own per-IP budget was not spent by the event: a signature without the link still counts.
    await s.sign(c.slug, { input: signer({ email: `after${run}@gmail.com` }), ip: '203.0.113.51' });
    expect(await getSignatureCount(t.db, c.id)).toBe(101);
  });

  it('expired, not-yet-started, revoked and other campaigns’ event links fall back to the normal rules', async () => {
    const c = await createCampaign(t.db);
    const other = await createCampaign(t.db);
    const links = [
      await createEvent(c.id, { startsAt: new Date(Date.now() - 3 * HOUR), endsAt: new Date(Date.now() - HOUR) }),
      await createEvent(c.id, { startsAt: new Date(Date.now() + HOUR), endsAt: new Date(Date.now() + 2 * HOUR) }),
      await createEvent(c.id, open(), 150, true),
      await createEvent(other.id, open()),
    ];
    for (const [i, link] of links.entries()) {
      const s = productionSigner();
      await signMany(s, c.slug, 70, `203.0.113.${60 + i}`, { eventCode: link.code });
    }
    expect(await tally(c.id)).toEqual({ confirmed: 4 * 60, 'held:ip_rate': 4 * 10 });
    expect(await t.db.signature.count({ where: { campaignId: c.id, eventId: { not: null } } })).toBe(0);
  });

  it('an event link used far beyond its expected size holds the excess as event_capacity', async () => {
    const c = await createCampaign(t.db);
    const event = await createEvent(c.id, open(), 10); // held above max(2 × 10, 10 + 50) = 60
    const s = productionSigner();
    await signMany(s, c.slug, 70, '203.0.113.70', { eventCode: event.code });
    expect(await tally(c.id)).toEqual({ confirmed: 60, 'held:event_capacity': 10 });
  });

  it('block lists hold every matching signature (blocked_ip, blocked_domain); allow lists exempt from the rules they name', async () => {
    const c = await createCampaign(t.db);
    const blockedIp = '203.0.113.80';
    const allowedIp = '203.0.113.81';
    await t.db.abuseListEntry.createMany({
      data: [
        { kind: 'ip_hash', mode: 'block', value: hashIp(blockedIp, SECRETS.ipHash) },
        { kind: 'ip_hash', mode: 'allow', value: hashIp(allowedIp, SECRETS.ipHash) },
        { kind: 'email_domain', mode: 'block', value: 'spam-farm.example' },
        { kind: 'email_domain', mode: 'allow', value: 'sjsu.edu' },
        { kind: 'email_domain', mode: 'allow', value: 'mailinator.com' },
      ],
    });
    const s = productionSigner();
    expect(await s.sign(c.slug, { input: signer({ email: 'first@gmail.com' }), ip: blockedIp })).toMatchObject({ ok: true, status: 'confirmed' });
    expect(await s.sign(c.slug, { input: signer({ email: 'bot@spam-farm.example' }), ip: '203.0.113.82' })).toMatchObject({ ok: true });
    // 80 from one allowed address all count; 70 students of an allowed domain from many addresses all count.
    await signMany(s, c.slug, 80, allowedIp);
    for (let i = 0; i < 70; i += 10) {
      await Promise.all(
        Array.from({ length: 10 }, (_, k) => s.sign(c.slug, { input: signer({ email: `student${i + k}@sjsu.edu` }), ip: `198.18.1.${i + k}` })),
      );
    }
    // An allow-listed throwaway domain is not flagged; an unlisted one is.
    await s.sign(c.slug, { input: signer({ email: 'tester@mailinator.com' }), ip: '198.18.2.1' });
    await s.sign(c.slug, { input: signer({ email: 'someone@guerrillamail.com' }), ip: '198.18.2.2' });
    expect(await tally(c.id)).toEqual({
      confirmed: 80 + 70 + 1,
      'held:blocked_ip': 1,
      'held:blocked_domain': 1,
      'held:disposable_domain': 1,
    });
  });

  it('where the campaign confirms by email, a held signer still gets the email; confirming releases it into the count exactly once, unless a block list matched', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const blocked = '203.0.113.90';
    await t.db.abuseListEntry.create({ data: { kind: 'ip_hash', mode: 'block', value: hashIp(blocked, SECRETS.ipHash) } });
    const s = productionSigner();
    const held = await s.sign(c.slug, { input: signer({ email: 'held@guerrillamail.com' }), ip: '198.18.3.1' });
    const blockedOne = await s.sign(c.slug, { input: signer({ email: 'blocked@gmail.com' }), ip: blocked });
    expect(held).toMatchObject({ ok: true, status: 'pending', awaitingConfirmation: true });
    expect(blockedOne).toMatchObject({ ok: true, status: 'pending', awaitingConfirmation: true });
    expect(s.queued).toHaveLength(2);
    const tokenOf = (o: typeof held) => deriveConfirmToken(o.ok ? o.shareCode : '', SECRETS.confirmToken);

    const [a, b] = await Promise.all([confirmSignature(t.db, tokenOf(held)), confirmSignature(t.db, tokenOf(held))]);
    expect([a.outcome, b.outcome].sort()).toEqual(['already_confirmed', 'confirmed']);
    expect(await getSignatureCount(t.db, c.id)).toBe(1);

    // The blocked one is answered exactly alike, and stays held with its email confirmed.
    expect((await confirmSignature(t.db, tokenOf(blockedOne))).outcome).toBe('confirmed');
    expect((await confirmSignature(t.db, tokenOf(blockedOne))).outcome).toBe('already_confirmed');
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id, heldReason: 'blocked_ip' } });
    expect(row.status).toBe('held');
    expect(row.confirmedAt).not.toBeNull();
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
  });
});
