import { Redis } from 'ioredis';
import { testRedisUrl } from './test-env';

/**
 * Deletes what a test left in the shared Redis: every key under the queue and rate-limit
 * prefixes of its environment (testEnv gives each run prefixes of its own).
 */
export async function deleteTestKeys(env: { QUEUE_PREFIX?: string; RATE_LIMIT_PREFIX?: string }, url = testRedisUrl()): Promise<void> {
  const prefixes = [env.QUEUE_PREFIX, env.RATE_LIMIT_PREFIX].filter((p): p is string => Boolean(p));
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}:*`);
      for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    }
  } finally {
    redis.disconnect();
  }
}
