import { Redis } from 'ioredis';
import { checkManySignatureLimits } from './check-many-signature-limits';
import { checkSignatureLimits } from './check-signature-limits';
import { createSignatureLimiter } from './create-signature-limiter';
import type { SignatureLimits, SignatureLimitSubject } from './signature-limits';

const limits: SignatureLimits = {
  perIp: { windowMs: 60_000, suspiciousAbove: 10, blockAt: 20 },
  perEmailDomain: { windowMs: 60_000, suspiciousAbove: 6, blockAt: 12 },
  sharedDomains: new Set(['gmail.com']),
};
const prefix = `test:rl-many:${process.pid}:${Date.now()}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** 40 attempts from three IPs and three domains (one shared), interleaved, at fixed times. */
function attempts(run: string): SignatureLimitSubject[] {
  return Array.from({ length: 40 }, (_, i) => ({
    ipHash: `ip-${i % 3}`,
    emailDomain: ['gmail.com', 'small.example', 'other.example'][i % 3 === 0 ? 0 : (i % 5) % 2 ? 1 : 2]!,
    prefix: `${prefix}:${run}`,
    now: 7_200_000 + i * 10,
  }));
}

describe('checkManySignatureLimits', () => {
  it('gives, in one call, exactly the verdicts of checking each attempt on its own in order', async () => {
    const one: unknown[] = [];
    for (const s of attempts('single')) one.push(await checkSignatureLimits(redis, s, limits));
    const many = await checkManySignatureLimits(redis, attempts('many'), limits);
    expect(many).toEqual(one);
    // The sequence is not trivial: it allows, marks suspicious and blocks.
    expect(new Set(many.map((v) => v.verdict))).toEqual(new Set(['allow', 'suspicious', 'block']));
  });

  it('fails open for every attempt of the call, with one log line', async () => {
    const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    const logged: string[] = [];
    const verdicts = await checkManySignatureLimits(down, attempts('down'), limits, (m) => logged.push(m));
    expect(verdicts.every((v) => v.verdict === 'allow' && v.failedOpen)).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/redis unavailable, allowing 40 signatures/);
    down.disconnect();
  });
});

describe('createSignatureLimiter', () => {
  it('checks concurrent attempts together, in arrival order, with the verdicts of one-by-one checks', async () => {
    const one: unknown[] = [];
    for (const s of attempts('seq')) one.push(await checkSignatureLimits(redis, s, limits));
    const limiter = createSignatureLimiter(redis, { limits });
    const concurrent = await Promise.all(attempts('grouped').map((s) => limiter.check(s)));
    expect(concurrent).toEqual(one);
    const stats = limiter.stats();
    expect(stats.checked).toBe(40);
    // The first attempt goes alone; the 39 that arrived meanwhile share the next call.
    expect(stats.calls).toBe(2);
    expect(stats.largestBatch).toBe(39);
  });

  it('never makes a caller wait for more than one batch behind it (maxBatch)', async () => {
    const limiter = createSignatureLimiter(redis, { limits: { ...limits, perIp: { ...limits.perIp, blockAt: 1e9, suspiciousAbove: 1e9 } }, maxBatch: 10 });
    const verdicts = await Promise.all(Array.from({ length: 35 }, (_, i) => limiter.check({ ipHash: 'ip-x', emailDomain: 'gmail.com', prefix: `${prefix}:cap`, now: 1e7 + i })));
    expect(verdicts.every((v) => v.verdict === 'allow')).toBe(true);
    expect(limiter.stats()).toMatchObject({ checked: 35, largestBatch: 10 });
  });
});
