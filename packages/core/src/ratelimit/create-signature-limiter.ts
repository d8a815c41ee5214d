import type { Redis } from 'ioredis';
import { getLogger, type Logger } from '@undersigned/log';
import { createGroupRunner } from '../concurrency/create-group-runner';
import { checkManySignatureLimits } from './check-many-signature-limits';
import { DEFAULT_SIGNATURE_LIMITS, type LimitVerdict, type SignatureLimits, type SignatureLimitSubject } from './signature-limits';

export interface SignatureLimiterOptions {
  limits?: SignatureLimits;
  /** Where "Redis unavailable, failing open" goes (default: the process's logger). */
  logger?: Pick<Logger, 'warn'>;
  /** Most script calls in flight at once; attempts arriving meanwhile wait for the next one. */
  maxInFlight?: number;
  /** Most attempts checked by one call. */
  maxBatch?: number;
  /** Told of the verdicts of every check (metrics), fail-open ones included. */
  observe?: (verdicts: readonly LimitVerdict[]) => void;
}

export interface SignatureLimiterStats {
  calls: number;
  checked: number;
  largestBatch: number;
}

/** Closures over the limiter's state (no `this`), so `limiter.check` may be passed on as a function. */
export interface SignatureLimiter {
  /** The verdict for one signing attempt, exactly as checking it alone (checkManySignatureLimits) would give it. */
  check: (subject: SignatureLimitSubject) => Promise<LimitVerdict>;
  stats: () => SignatureLimiterStats;
}

interface Waiting {
  subject: SignatureLimitSubject;
  resolve(verdict: LimitVerdict): void;
}

/**
 * The rate limits of the hot sign path, group-checked (issue 6): attempts that arrive while a
 * check is in flight are checked together by the next call — one round trip and one script run
 * for all of them, in arrival order — instead of one each. At rest an attempt is checked at once;
 * under a spike the calls grow by themselves. Same verdicts, same fail-open behaviour.
 */
export function createSignatureLimiter(redis: Pick<Redis, 'eval' | 'evalsha'>, options: SignatureLimiterOptions = {}): SignatureLimiter {
  const limits = options.limits ?? DEFAULT_SIGNATURE_LIMITS;
  const logger = options.logger ?? getLogger('core');
  const maxInFlight = options.maxInFlight ?? 1;
  const maxBatch = options.maxBatch ?? 500;
  const counters: SignatureLimiterStats = { calls: 0, checked: 0, largestBatch: 0 };

  async function run(batch: Waiting[]): Promise<void> {
    let verdicts: LimitVerdict[];
    try {
      verdicts = await checkManySignatureLimits(
        redis,
        batch.map((w) => w.subject),
        limits,
        logger,
      );
    } catch (error) {
      // checkManySignatureLimits fails open by itself; anything else must not strand a signer.
      logger.warn({ component: 'ratelimit', signatures: batch.length, err: error }, 'rate limit check failed, allowing signatures');
      verdicts = batch.map(() => ({ verdict: 'allow', retryAfterSeconds: 0, failedOpen: true }));
    }
    counters.calls += 1;
    counters.checked += batch.length;
    counters.largestBatch = Math.max(counters.largestBatch, batch.length);
    options.observe?.(verdicts);
    batch.forEach((w, i) => w.resolve(verdicts[i]!));
  }

  const groups = createGroupRunner(run, { maxInFlight, maxGroup: maxBatch });

  return {
    check(subject) {
      return new Promise<LimitVerdict>((resolve) => groups.push({ subject, resolve }));
    },
    stats: () => ({ ...counters }),
  };
}
