import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export interface UpdateSendThrottle {
  /** Messages per second allowed across every worker sharing this Redis and key (0: unthrottled). */
  readonly ratePerSecond: number;
  /** Resolves when one more message may be sent now (waits for the next window when the shared budget is spent). */
  take(): Promise<void>;
}

export interface UpdateSendThrottleOptions {
  /** Messages per second across all workers; 0 turns the throttle off (benchmarks, local runs). */
  ratePerSecond: number;
  /** Namespaces the shared counter (the queue prefix: installs or test runs sharing one Redis stay apart). */
  keyPrefix: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The send rate of updates to signers, shared by every worker through one Redis counter
 * (rate-limiter-flexible's RateLimiterRedis: an atomic INCR with a one-second expiry per window).
 * Each message takes one point; when the window's points are spent, `take` waits for the next
 * window (plus a little jitter so waiting workers do not all hit Redis at once). A refused point
 * still counts in its window, so the total sent per window never exceeds the rate whatever the
 * number of workers. The throttle is global, not per update: it protects the SMTP provider's
 * sending limit and the sender's reputation, whichever update is going out.
 *
 * Redis unreachable: `take` waits with the worker's connection (which queues commands through a
 * restart) — a worker without Redis cannot take jobs anyway.
 */
export function createUpdateSendThrottle(redis: Redis, options: UpdateSendThrottleOptions): UpdateSendThrottle {
  const rate = Math.max(0, Math.floor(options.ratePerSecond));
  if (rate === 0) return { ratePerSecond: 0, take: () => Promise.resolve() };
  const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: `${options.keyPrefix}:updates-send-rate`, points: rate, duration: 1 });
  return {
    ratePerSecond: rate,
    async take() {
      for (;;) {
        try {
          await limiter.consume('all', 1);
          return;
        } catch (error) {
          if (!(error instanceof RateLimiterRes)) throw error;
          await sleep(Math.max(1, error.msBeforeNext) + Math.floor(Math.random() * 20));
        }
      }
    },
  };
}
