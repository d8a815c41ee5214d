import { Redis } from 'ioredis';
import { checkSignatureLimits, DEFAULT_SIGNATURE_LIMITS, type SignatureLimits } from './check-signature-limits';

const limits: SignatureLimits = {
  perIp: { windowMs: 60_000, suspiciousAbove: 3, blockAt: 5 },
  perEmailDomain: { windowMs: 60_000, suspiciousAbove: 2, blockAt: 4 },
  sharedDomains: new Set(['gmail.com']),
};
const prefix = `test:rl:${process.pid}:${Date.now()}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('checkSignatureLimits', () => {
  it('allows, then marks suspicious, then blocks one IP with a Retry-After inside the window', async () => {
    const subject = { ipHash: 'ip-a', emailDomain: 'gmail.com', prefix, now: 1_000_000 };
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await checkSignatureLimits(redis, { ...subject, now: 1_000_000 + i * 1000 }, limits));
    expect(verdicts.map((v) => v.verdict)).toEqual(['allow', 'allow', 'allow', 'suspicious', 'suspicious', 'block']);
    expect(verdicts[5]).toMatchObject({ rule: 'ip' });
    // All five attempts sit in the fixed window [960,000, 1,020,000); now is 1,005,000. They keep
    // the estimate at 5 until that window ends (15 s) and then slide out: allowed again just after.
    expect(verdicts[5]!.retryAfterSeconds).toBe(16);
    const after = await checkSignatureLimits(redis, { ...subject, now: 1_005_000 + 16_000 }, limits);
    expect(after.verdict).not.toBe('block');
  });

  it('slides: once old attempts leave the window the IP may sign again', async () => {
    const base = 5_000_000;
    for (let i = 0; i < 5; i++) await checkSignatureLimits(redis, { ipHash: 'ip-b', emailDomain: 'gmail.com', prefix, now: base }, limits);
    expect((await checkSignatureLimits(redis, { ipHash: 'ip-b', emailDomain: 'gmail.com', prefix, now: base + 1 }, limits)).verdict).toBe('block');
    // A window later most of the earlier attempts have slid out: no longer blocked…
    expect((await checkSignatureLimits(redis, { ipHash: 'ip-b', emailDomain: 'gmail.com', prefix, now: base + 60_001 }, limits)).verdict).not.toBe('block');
    // …and two windows later they are gone entirely.
    expect((await checkSignatureLimits(redis, { ipHash: 'ip-b', emailDomain: 'gmail.com', prefix, now: base + 180_000 }, limits)).verdict).toBe('allow');
  });

  it('limits a small email domain across many IPs but never a shared provider', async () => {
    const verdicts = [];
    for (let i = 0; i < 5; i++) {
      verdicts.push((await checkSignatureLimits(redis, { ipHash: `ip-d${i}`, emailDomain: 'bot-farm.example', prefix, now: 9_000_000 + i }, limits)).verdict);
    }
    expect(verdicts).toEqual(['allow', 'allow', 'suspicious', 'suspicious', 'block']);
    for (let i = 0; i < 6; i++) {
      const v = await checkSignatureLimits(redis, { ipHash: `ip-g${i}`, emailDomain: 'GMAIL.com', prefix, now: 9_000_000 + i }, limits);
      expect(v.verdict).toBe('allow');
    }
  });

  it('fails open (allows and logs) when Redis is unreachable', async () => {
    const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    const logged: string[] = [];
    const v = await checkSignatureLimits(down, { ipHash: 'ip-c', emailDomain: 'x.example', prefix }, DEFAULT_SIGNATURE_LIMITS, (m) => logged.push(m));
    expect(v).toMatchObject({ verdict: 'allow', failedOpen: true });
    expect(logged[0]).toMatch(/redis unavailable/);
    down.disconnect();
  });
});
