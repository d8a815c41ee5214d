import { Redis } from 'ioredis';
import { captureLogger } from '@undersigned/log/testing';
import { testRedisUrl } from '@undersigned/testing';
import { createApiKeyLimiter } from './create-api-key-limiter';

const prefix = `test:rl-apikey:${process.pid}:${Date.now()}`;
let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

it('allows a key its per-minute figure, then refuses with the seconds to wait; other keys are counted apart', async () => {
  const limiter = createApiKeyLimiter(redis, { keyPrefix: prefix });
  const key = { keyId: 'key-a', rateLimitPerMinute: 3 };
  const verdicts = [];
  for (let i = 0; i < 4; i++) verdicts.push(await limiter.consume(key));
  expect(verdicts.map((v) => [v.allowed, v.remaining])).toEqual([
    [true, 2],
    [true, 1],
    [true, 0],
    [false, 0],
  ]);
  expect(verdicts[3]!.resetSeconds).toBeGreaterThan(0);
  expect(verdicts[3]!.resetSeconds).toBeLessThanOrEqual(60);
  expect((await limiter.consume({ keyId: 'key-b', rateLimitPerMinute: 3 })).allowed).toBe(true);
});

it('fails open when Redis is unreachable, and says so in the log', async () => {
  const down = new Redis('redis://127.0.0.1:1', { enableOfflineQueue: false, maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
  const { logger, lines: logged } = captureLogger();
  const limiter = createApiKeyLimiter(down, { keyPrefix: prefix, logger });
  const verdict = await limiter.consume({ keyId: 'key-c', rateLimitPerMinute: 1 });
  expect(verdict).toMatchObject({ allowed: true, failedOpen: true });
  expect((await limiter.consume({ keyId: 'key-c', rateLimitPerMinute: 1 })).allowed).toBe(true);
  expect(logged).toHaveLength(1);
  down.disconnect();
});
