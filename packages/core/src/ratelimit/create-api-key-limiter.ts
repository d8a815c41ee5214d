import type { Redis } from 'ioredis';
import { getLogger, type Logger } from '@undersigned/log';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface ApiKeyLimitVerdict {
  allowed: boolean;
  /** The key's requests per minute (RateLimit-Limit). */
  limit: number;
  /** Requests left in the current minute (RateLimit-Remaining). */
  remaining: number;
  /** Seconds until the window resets (Retry-After when refused, RateLimit-Reset otherwise). */
  resetSeconds: number;
  /** Redis was unreachable and the request was let through. */
  failedOpen?: true;
}

export interface ApiKeyLimiter {
  /** Counts one request of this key and says whether it may proceed. Never rejects. */
  consume(key: { keyId: string; rateLimitPerMinute: number }): Promise<ApiKeyLimitVerdict>;
}

export interface ApiKeyLimiterOptions {
  /** Redis key prefix (installs or test runs sharing one Redis stay apart). */
  keyPrefix: string;
  /** Where "Redis unavailable, failing open" goes (at most every 30 s; default: the process's logger). */
  logger?: Pick<Logger, 'warn'>;
  /** Told of every verdict (metrics). */
  observe?: (verdict: ApiKeyLimitVerdict) => void;
}

/**
 * Per-key request limits of the authenticated API: `rateLimitPerMinute` points per fixed 60 s
 * window, keyed by key id (rate-limiter-flexible's RateLimiterRedis, one atomic INCR + expiry).
 * Every web process shares the counters through Redis. Redis unreachable: the request goes
 * through (docs/DESIGN.md invariant 4: Redis holds only what can be lost) and that is logged.
 * How fast "unreachable" is decided is the client's: the web app's has no offline queue and a
 * 250 ms command timeout, so a request never waits on a missing Redis.
 */
export function createApiKeyLimiter(redis: Redis, options: ApiKeyLimiterOptions): ApiKeyLimiter {
  const logger = options.logger ?? getLogger('core');
  // One limiter per distinct per-minute figure (keys share the few values staff choose).
  const limiters = new Map<number, RateLimiterRedis>();
  let lastLogged = 0;
  const limiterFor = (points: number) => {
    let limiter = limiters.get(points);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${options.keyPrefix}:${points}`,
        points,
        duration: 60,
      });
      limiters.set(points, limiter);
    }
    return limiter;
  };

  return {
    async consume(key) {
      const verdict = await consume(key);
      options.observe?.(verdict);
      return verdict;
    },
  };

  async function consume(key: { keyId: string; rateLimitPerMinute: number }): Promise<ApiKeyLimitVerdict> {
    const limit = Math.max(1, Math.floor(key.rateLimitPerMinute));
    try {
      const res = await limiterFor(limit).consume(key.keyId, 1);
      return { allowed: true, limit, remaining: res.remainingPoints, resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) };
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        return { allowed: false, limit, remaining: 0, resetSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
      if (Date.now() - lastLogged > 30_000) {
        lastLogged = Date.now();
        logger.warn({ component: 'ratelimit', err: error }, 'API key limits unavailable, allowing requests');
      }
      return { allowed: true, limit, remaining: limit, resetSeconds: 60, failedOpen: true };
    }
  }
}
