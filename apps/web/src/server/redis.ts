import { Redis } from 'ioredis';
import { webEnv } from './env';

const globalForRedis = globalThis as unknown as { __undersignedWebRedis?: Redis };

/**
 * The process-wide Redis connection for rate limits and health. Fails fast instead of queueing
 * commands while Redis is away, so callers can fail open (Redis holds nothing we cannot lose).
 */
export function getRedis(): Redis {
  if (!globalForRedis.__undersignedWebRedis) {
    const redis = new Redis(webEnv().REDIS_URL, {
      enableOfflineQueue: false,
      // Commands issued in the same tick share one round trip…
      enableAutoPipelining: true,
      // …except the sign path's limiter script, which groups concurrent checks itself
      // (createSignatureLimiter: one call in flight): auto-pipelining only added a Pipeline and a
      // setImmediate hop in front of each of its calls (issue 11 profile).
      autoPipeliningIgnoredCommands: ['evalsha', 'eval'],
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
        console.warn(`[web] redis unavailable: ${error.message}`);
      }
    });
    globalForRedis.__undersignedWebRedis = redis;
  }
  return globalForRedis.__undersignedWebRedis;
}
