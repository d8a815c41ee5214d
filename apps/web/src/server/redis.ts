import { Redis } from 'ioredis';
import { webEnv } from './env';
import { webLogger } from './log';

const globalForRedis = globalThis as unknown as { __undersignedWebRedis?: Redis };

/**
 * The process-wide Redis connection for rate limits and health. Fails fast instead of queueing
 * commands while Redis is away, so callers can fail open (Redis holds nothing we cannot lose).
 */
export function getRedis(): Redis {
  if (!globalForRedis.__undersignedWebRedis) {
    const redis = new Redis(webEnv().REDIS_URL, {
      enableOfflineQueue: false,
      // Rate-limit checks of concurrent signatures share one round trip.
      enableAutoPipelining: true,
      maxRetriesPerRequest: 1,
      connectTimeout: 1_000,
      commandTimeout: 250,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    let lastLogged = 0;
    redis.on('error', (error) => {
      // Reconnect attempts repeat; log at most every 30 s.
      if (Date.now() - lastLogged > 30_000) {
        lastLogged = Date.now();
        webLogger().warn({ component: 'redis', err: error }, 'redis unavailable');
      }
    });
    globalForRedis.__undersignedWebRedis = redis;
  }
  return globalForRedis.__undersignedWebRedis;
}

/** Closes the connection, if one was opened (graceful shutdown). */
export async function closeRedis(): Promise<void> {
  const redis = globalForRedis.__undersignedWebRedis;
  globalForRedis.__undersignedWebRedis = undefined;
  await redis?.quit().catch(() => redis.disconnect());
}
