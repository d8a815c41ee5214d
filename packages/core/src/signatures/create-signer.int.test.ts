// The sign path as production composes it (the public app wires exactly these parts): a `pg`
// pool, the group-commit batcher, the group-checked rate limiter on a real Redis, and a queue
// hook for confirmation emails — against a real Postgres.
import pg from 'pg';
import { Redis } from 'ioredis';
import { testRedisUrl } from '@undersigned/testing';
import { useTestDatabase } from '@undersigned/db/testing';
import { captureLogger } from '@undersigned/log/testing';
import { getSignatureCount } from '../counters/get-signature-count';
import { hashIp } from '../privacy/hash-ip';
import { RATE_LIMITS_FAILED_OPEN } from '../ratelimit/check-many-signature-limits';
import { createSignatureLimiter } from '../ratelimit/create-signature-limiter';
import type { SignatureLimits } from '../ratelimit/signature-limits';
import { createCampaign, signer } from '../testing/fixtures';
import { createSignatureBatcher } from './create-signature-batcher';
import { createSigner, type SignerOptions } from './create-signer';
import { pgExecutor, type SqlExecutor } from './sql-executor';

const SECRETS = { ipHash: 'test-ip-hash-secret-0123456789abcdefghij', confirmToken: 'test-confirm-secret-0123456789abcdefghij' };
const LIMITS: SignatureLimits = {
  perIp: { windowMs: 3_600_000, suspiciousAbove: 2, blockAt: 4 },
  perEmailDomain: { windowMs: 3_600_000, suspiciousAbove: 1000, blockAt: 2000 },
  sharedDomains: new Set(),
};
const prefix = `test:signer:${process.pid}:${Date.now()}`;

let pool: pg.Pool;
let redis: Redis;
let exec: SqlExecutor;
// The pool's connections must be closed before the database is dropped under them.
const t = useTestDatabase('create_signer', { beforeDrop: () => pool?.end() });
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
/** The production composition, with a fresh rate-limit prefix and a record of queued emails. */
function productionSigner(overrides: Partial<SignerOptions> = {}) {
  run += 1;
  const queued: string[] = [];
  const signer = createSigner({
    exec,
    batcher: createSignatureBatcher(exec),
    limiter: createSignatureLimiter(redis, { limits: LIMITS }),
    rateLimitPrefix: `${prefix}:${run}`,
    enqueueConfirmation: async (signatureId) => {
      queued.push(signatureId);
    },
    secrets: SECRETS,
    ...overrides,
  });
  return { ...signer, queued };
}

const byStatus = async (campaignId: number) =>
  Object.fromEntries((await t.db.signature.groupBy({ by: ['status'], where: { campaignId }, _count: true })).map((r) => [r.status, r._count]));

describe('createSigner (the production composition)', () => {
  it('commits concurrent signatures through the batcher, one row per canonical email, repeats answered like firsts', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    const emails = Array.from({ length: 30 }, (_, i) => `person${i}@example.org`);
    const attempts = emails.flatMap((e, i) => [e, e.toUpperCase()].map((email) => ({ email, ip: `192.0.2.${i}` })));
    const outcomes = await Promise.all(attempts.map(({ email, ip }) => s.sign(c.slug, { input: signer({ email }), ip })));
    expect(outcomes.every((o) => o.ok && o.status === 'confirmed' && o.campaignId === c.id)).toBe(true);
    const codeOf = (i: number) => {
      const outcome = outcomes[i]!;
      return outcome.ok ? outcome.shareCode : null;
    };
    for (let i = 0; i < attempts.length; i += 2) expect(codeOf(i + 1)).toBe(codeOf(i));
    expect(await byStatus(c.id)).toEqual({ confirmed: 30 });
    expect(await getSignatureCount(t.db, c.id)).toBe(30);
    // Only the keyed hash of the address is stored.
    const row = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id, person: { canonicalEmail: 'person0@example.org' } } });
    expect(row.ipHash).toBe(hashIp('192.0.2.0', SECRETS.ipHash));
  });

  it('stores the keyed hash of its own address on every row, however often an address signs (the hash is remembered per address)', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner({ limiter: undefined });
    const ips = ['192.0.2.10', '192.0.2.11', '2001:db8::1'];
    for (let i = 0; i < 12; i++) await s.sign(c.slug, { input: signer({ email: `memo${i}@example.org` }), ip: ips[i % 3]! });
    const rows = await t.db.signature.findMany({ where: { campaignId: c.id }, include: { person: true } });
    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row.ipHash).toBe(hashIp(ips[Number(/memo(\d+)@/.exec(row.person.canonicalEmail)![1]) % 3]!, SECRETS.ipHash));
    expect(new Set(rows.map((r) => r.ipHash)).size).toBe(3);
  });

  it('close(): waits for every signature under way to commit, then answers unavailable without storing anything', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    const underWay = Array.from({ length: 200 }, (_, i) =>
      s.sign(c.slug, { input: signer({ email: `drain${i}@example.org` }), ip: `198.51.100.${i % 200}` }),
    );
    let closedAt = 0;
    const closing = s.close().then(() => {
      closedAt = Date.now();
    });
    const late = await s.sign(c.slug, { input: signer({ email: 'late@example.org' }), ip: '198.51.100.250' });
    const outcomes = await Promise.all(underWay.map((p) => p.then((o) => ({ o, at: Date.now() }))));
    await closing;
    // Every signature that was under way was answered before close() resolved, and each ok names a committed row.
    expect(outcomes.every(({ at }) => at <= closedAt)).toBe(true);
    const codes = new Set((await t.db.signature.findMany({ where: { campaignId: c.id }, select: { shareCode: true } })).map((r) => r.shareCode));
    const oks = outcomes.map(({ o }) => o).filter((o) => o.ok);
    expect(oks.length).toBe(200);
    expect(oks.every((o) => codes.has(o.shareCode))).toBe(true);
    expect(codes.size).toBe(200);
    expect(late).toEqual({ ok: false, code: 'unavailable', message: expect.stringMatching(/retry/i) as unknown });
    expect(await s.sign(c.slug, { input: signer(), ip: '198.51.100.251' })).toMatchObject({ ok: false, code: 'unavailable' });
  });

  it('refuses invalid fields before anything else: field keys, nothing stored, no rate-limit attempt counted', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    for (let i = 0; i < 6; i++) {
      const outcome = await s.sign(c.slug, { input: signer({ email: 'not-an-email', givenName: ' ' }), ip: '192.0.2.50' });
      expect(outcome).toEqual({ ok: false, code: 'validation', fields: { email: 'invalid_email', givenName: 'required' } });
    }
    expect(await s.sign(c.slug, { input: signer(), ip: '192.0.2.50' })).toMatchObject({ ok: true });
    expect(await byStatus(c.id)).toEqual({ confirmed: 1 });
  });

  it('rate-limits one address: counted, then held for review and uncounted with the same answer, then rate_limited with nothing stored', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await s.sign(c.slug, { input: signer(), ip: '198.51.100.7' }));
    expect(outcomes.map((o) => (o.ok ? o.status : o.code))).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'rate_limited']);
    const blocked = outcomes[4]!;
    expect(blocked.ok === false && blocked.code === 'rate_limited' && blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(await byStatus(c.id)).toEqual({ confirmed: 2, held: 2 });
    expect(await getSignatureCount(t.db, c.id)).toBe(2);
  });

  it("tells its observers each attempt's outcome, each statement's size and each limit verdict, and nothing about who signed", async () => {
    const c = await createCampaign(t.db);
    const events: unknown[] = [];
    const batches: { size: number; ok: boolean }[] = [];
    const verdicts: string[] = [];
    const s = productionSigner({
      observe: (event) => events.push(event),
      batcher: createSignatureBatcher(exec, { observe: ({ size, ok, seconds }) => batches.push({ size, ok: ok && seconds >= 0 }) }),
      limiter: createSignatureLimiter(redis, { limits: LIMITS, observe: (vs) => verdicts.push(...vs.map((v) => v.verdict)) }),
    });
    for (let i = 0; i < 5; i++) await s.sign(c.slug, { input: signer(), ip: '198.51.100.9' });
    await s.sign(c.slug, { input: signer({ email: 'not-an-email' }), ip: '198.51.100.10' });
    await s.sign(c.slug, { input: signer(), honeypot: 'x', ip: '198.51.100.11' });
    expect(events).toEqual([
      { outcome: 'accepted', status: 'confirmed', heldReason: null },
      { outcome: 'accepted', status: 'confirmed', heldReason: null },
      { outcome: 'accepted', status: 'held', heldReason: 'ip_rate' },
      { outcome: 'accepted', status: 'held', heldReason: 'ip_rate' },
      { outcome: 'refused', reason: 'rate_limited' },
      { outcome: 'refused', reason: 'validation' },
      { outcome: 'accepted', status: 'fraudulent', heldReason: null },
    ]);
    expect(verdicts).toEqual(['allow', 'allow', 'suspicious', 'suspicious', 'block', 'allow']);
    expect(batches).toEqual(Array.from({ length: 5 }, () => ({ size: 1, ok: true })));
  });

  it('stores a filled honeypot as fraudulent and uncounted, answered like any signature', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner();
    const outcome = await s.sign(c.slug, { input: signer(), honeypot: 'https://spam.example', ip: '192.0.2.60' });
    expect(outcome).toMatchObject({ ok: true, status: 'confirmed' });
    expect(await byStatus(c.id)).toEqual({ fraudulent: 1 });
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
  });

  it('fails open: with Redis unreachable every signature is taken and counted', async () => {
    const c = await createCampaign(t.db);
    const down = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      retryStrategy: () => null,
    });
    const { logger, lines } = captureLogger();
    try {
      const s = productionSigner({ limiter: createSignatureLimiter(down, { limits: LIMITS, logger }) });
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => s.sign(c.slug, { input: signer(), ip: '198.51.100.8' })));
      expect(outcomes.every((o) => o.ok)).toBe(true);
      expect(await getSignatureCount(t.db, c.id)).toBe(8);
      expect(lines.some((l) => l.msg === RATE_LIMITS_FAILED_OPEN)).toBe(true);
    } finally {
      down.disconnect();
    }
  });

  it('queues the confirmation email of a pending signature without waiting for the queue, and logs a failed enqueue', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const asked: string[] = [];
    const hanging = productionSigner({ enqueueConfirmation: (id) => (asked.push(id), new Promise(() => undefined)) });
    const outcome = await hanging.sign(c.slug, { input: signer(), ip: '192.0.2.70' });
    expect(outcome).toMatchObject({ ok: true, status: 'pending', awaitingConfirmation: true });
    expect(asked).toEqual([outcome.ok ? outcome.signatureId.toString() : '']);
    expect(await getSignatureCount(t.db, c.id)).toBe(0);

    const { logger, lines } = captureLogger();
    const failing = productionSigner({ enqueueConfirmation: () => Promise.reject(new Error('redis down')), logger });
    const pending = await failing.sign(c.slug, { input: signer(), ip: '192.0.2.71', reqId: 'req-enqueue' });
    expect(pending).toMatchObject({ ok: true, status: 'pending' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'confirmation email not queued',
        reqId: 'req-enqueue',
        signatureId: pending.ok ? pending.signatureId.toString() : '',
        err: expect.objectContaining({ message: 'redis down' }),
      }),
    );
  });

  it('refuses closed campaigns with campaign_not_open and unknown or draft ones with not_found', async () => {
    const closed = await createCampaign(t.db, { status: 'closed' });
    const draft = await createCampaign(t.db, { status: 'draft' });
    const s = productionSigner();
    expect(await s.sign(closed.slug, { input: signer(), ip: '192.0.2.80' })).toMatchObject({ ok: false, code: 'campaign_not_open' });
    expect(await s.sign(draft.slug, { input: signer(), ip: '192.0.2.80' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await s.sign('no-such-campaign', { input: signer(), ip: '192.0.2.80' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await t.db.signature.count({ where: { campaignId: { in: [closed.id, draft.id] } } })).toBe(0);
  });

  it('keeps a campaign lookup for campaignCacheMs, yet a campaign closed meanwhile takes no signature', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner({ campaignCacheMs: 60_000 });
    expect(await s.sign(c.slug, { input: signer(), ip: '192.0.2.90' })).toMatchObject({ ok: true });
    await t.db.campaign.update({ where: { id: c.id }, data: { status: 'closed', closedAt: new Date() } });
    expect(await s.sign(c.slug, { input: signer(), ip: '192.0.2.90' })).toMatchObject({ ok: false, code: 'campaign_not_open' });
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(1);
  });

  it('caches "no such campaign" for campaignCacheMs but not a database error', async () => {
    const slug = `cached-miss-${process.pid}`;
    const s = productionSigner({ campaignCacheMs: 60_000 });
    expect(await s.sign(slug, { input: signer(), ip: '192.0.2.91' })).toMatchObject({ code: 'not_found' });
    await createCampaign(t.db, { slug });
    expect(await s.sign(slug, { input: signer(), ip: '192.0.2.91' })).toMatchObject({ code: 'not_found' });

    // The first lookup fails as a dropped connection would; the next attempt looks again.
    let failures = 1;
    const flaky: SqlExecutor = (sql, params) => (failures-- > 0 ? Promise.reject(new Error('connection reset')) : exec(sql, params));
    const { logger, lines } = captureLogger();
    const other = productionSigner({ exec: flaky, campaignCacheMs: 60_000, logger });
    expect(await other.sign(slug, { input: signer(), ip: '192.0.2.92', reqId: 'req-flaky' })).toMatchObject({ ok: false, code: 'unavailable' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'signing failed',
        reqId: 'req-flaky',
        err: expect.objectContaining({ message: 'connection reset' }),
      }),
    );
    expect(await other.sign(slug, { input: signer(), ip: '192.0.2.92' })).toMatchObject({ ok: true });
  });

  it('answers unavailable, storing nothing, when the batcher queue is full', async () => {
    const c = await createCampaign(t.db);
    const s = productionSigner({ batcher: createSignatureBatcher(exec, { maxQueued: 0 }) });
    expect(await s.sign(c.slug, { input: signer(), ip: '192.0.2.93' })).toMatchObject({ ok: false, code: 'unavailable' });
    expect(await t.db.signature.count({ where: { campaignId: c.id } })).toBe(0);
  });
});
