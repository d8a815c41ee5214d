import { Redis } from 'ioredis';
import { captureLogger } from '@undersigned/log/testing';
import { testRedisUrl } from '@undersigned/testing';
import { checkManySignatureLimits, RATE_LIMITS_FAILED_OPEN } from './check-many-signature-limits';
import { createSignatureLimiter } from './create-signature-limiter';
import { DEFAULT_SIGNATURE_LIMITS, type SignatureLimits, type SignatureLimitSubject } from './signature-limits';

const limits: SignatureLimits = {
  perIp: { windowMs: 60_000, suspiciousAbove: 10, blockAt: 20 },
  perEmailDomain: { windowMs: 60_000, suspiciousAbove: 6, blockAt: 12 },
  sharedDomains: new Set(['gmail.com']),
};
const prefix = `test:rl-many:${process.pid}:${Date.now()}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** One attempt checked alone: the reference the grouped checks must agree with. */
async function checkAlone(subject: SignatureLimitSubject) {
  const [verdict] = await checkManySignatureLimits(redis, [subject], limits);
  return verdict!;
}

/** 40 attempts from three IPs and three domains (one shared), interleaved, at fixed times. */
function attempts(run: string): SignatureLimitSubject[] {
  return Array.from({ length: 40 }, (_, i) => ({
    ipHash: `ip-${i % 3}`,
    emailDomain: ['gmail.com', 'small.example', 'other.example'][i % 3 === 0 ? 0 : (i % 5) % 2 ? 1 : 2]!,
    prefix: `${prefix}:${run}`,
    now: 7_200_000 + i * 10,
  }));
}

/** A client of a Redis that is not there: every command fails at once, as in an outage. */
function unreachableRedis(): Redis {
  return new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
}

describe('sliding-window verdicts (through createSignatureLimiter, as the sign path checks)', () => {
  const tight: SignatureLimits = {
    perIp: { windowMs: 60_000, suspiciousAbove: 3, blockAt: 5 },
    perEmailDomain: { windowMs: 60_000, suspiciousAbove: 2, blockAt: 4 },
    sharedDomains: new Set(['gmail.com']),
  };
  const limiter = () => createSignatureLimiter(redis, { limits: tight });

  it('allows, then marks suspicious, then blocks one IP with a Retry-After inside the window', async () => {
    const check = limiter().check;
    const subject = { ipHash: 'ip-a', emailDomain: 'gmail.com', prefix: `${prefix}:tiers` };
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await check({ ...subject, now: 1_000_000 + i * 1000 }));
    expect(verdicts.map((v) => v.verdict)).toEqual(['allow', 'allow', 'allow', 'suspicious', 'suspicious', 'block']);
    expect(verdicts[5]).toMatchObject({ rule: 'ip' });
    // All five attempts sit in the fixed window [960,000, 1,020,000); now is 1,005,000. They keep
    // the estimate at 5 until that window ends (15 s) and then slide out: allowed again just after.
    expect(verdicts[5]!.retryAfterSeconds).toBe(16);
    expect((await check({ ...subject, now: 1_005_000 + 16_000 })).verdict).not.toBe('block');
  });

  it('slides: once old attempts leave the window the IP may sign again', async () => {
    const check = limiter().check;
    const at = (now: number) => check({ ipHash: 'ip-b', emailDomain: 'gmail.com', prefix: `${prefix}:slide`, now });
    const base = 5_000_000;
    for (let i = 0; i < 5; i++) await at(base);
    expect((await at(base + 1)).verdict).toBe('block');
    // A window later most of the earlier attempts have slid out: no longer blocked…
    expect((await at(base + 60_001)).verdict).not.toBe('block');
    // …and two windows later they are gone entirely.
    expect((await at(base + 180_000)).verdict).toBe('allow');
  });

  it('limits a small email domain across many IPs but never a shared provider', async () => {
    const check = limiter().check;
    const verdicts = [];
    for (let i = 0; i < 5; i++) {
      verdicts.push((await check({ ipHash: `ip-d${i}`, emailDomain: 'bot-farm.example', prefix: `${prefix}:domain`, now: 9_000_000 + i })).verdict);
    }
    expect(verdicts).toEqual(['allow', 'allow', 'suspicious', 'suspicious', 'block']);
    for (let i = 0; i < 6; i++) {
      expect((await check({ ipHash: `ip-g${i}`, emailDomain: 'GMAIL.com', prefix: `${prefix}:domain`, now: 9_000_000 + i })).verdict).toBe('allow');
    }
  });

  it('fails open (allows and logs) when Redis is unreachable', async () => {
    const down = unreachableRedis();
    const { logger, lines: logged } = captureLogger();
    const verdict = await createSignatureLimiter(down, { limits: DEFAULT_SIGNATURE_LIMITS, logger }).check({
      ipHash: 'ip-c',
      emailDomain: 'x.example',
      prefix,
    });
    expect(verdict).toMatchObject({ verdict: 'allow', failedOpen: true });
    expect(logged[0]).toMatchObject({ level: 'warn', component: 'ratelimit', msg: RATE_LIMITS_FAILED_OPEN, signatures: 1 });
    down.disconnect();
  });
});

describe('checkManySignatureLimits', () => {
  it('gives, in one call, exactly the verdicts of checking each attempt on its own in order', async () => {
    const one: unknown[] = [];
    for (const s of attempts('single')) one.push(await checkAlone(s));
    const many = await checkManySignatureLimits(redis, attempts('many'), limits);
    expect(many).toEqual(one);
    // The sequence is not trivial: it allows, marks suspicious and blocks.
    expect(new Set(many.map((v) => v.verdict))).toEqual(new Set(['allow', 'suspicious', 'block']));
  });

  it('fails open for every attempt of the call, with one log line', async () => {
    const down = unreachableRedis();
    const { logger, lines: logged } = captureLogger();
    const verdicts = await checkManySignatureLimits(down, attempts('down'), limits, logger);
    expect(verdicts.every((v) => v.verdict === 'allow' && v.failedOpen)).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ msg: RATE_LIMITS_FAILED_OPEN, signatures: 40 });
    down.disconnect();
  });
});

describe('createSignatureLimiter', () => {
  it('checks concurrent attempts together, in arrival order, with the verdicts of one-by-one checks', async () => {
    const one: unknown[] = [];
    for (const s of attempts('seq')) one.push(await checkAlone(s));
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
    const limiter = createSignatureLimiter(redis, {
      limits: { ...limits, perIp: { ...limits.perIp, blockAt: 1e9, suspiciousAbove: 1e9 } },
      maxBatch: 10,
    });
    const verdicts = await Promise.all(
      Array.from({ length: 35 }, (_, i) => limiter.check({ ipHash: 'ip-x', emailDomain: 'gmail.com', prefix: `${prefix}:cap`, now: 1e7 + i })),
    );
    expect(verdicts.every((v) => v.verdict === 'allow')).toBe(true);
    expect(limiter.stats()).toMatchObject({ checked: 35, largestBatch: 10 });
  });
});
