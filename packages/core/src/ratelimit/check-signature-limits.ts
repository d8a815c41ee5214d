import type { Redis } from 'ioredis';
import { checkManySignatureLimits } from './check-many-signature-limits';
import { DEFAULT_SIGNATURE_LIMITS, type LimitVerdict, type SignatureLimits, type SignatureLimitSubject } from './signature-limits';

export {
  DEFAULT_SIGNATURE_LIMITS,
  type LimitVerdict,
  type SignatureLimits,
  type SignatureLimitSubject,
  type SlidingWindowRule,
} from './signature-limits';

/**
 * Per-IP and per-email-domain sliding-window limits for one signing attempt (one round trip,
 * constant cost per check; see checkManySignatureLimits). Fails open when Redis is unreachable.
 */
export async function checkSignatureLimits(
  redis: Pick<Redis, 'eval' | 'evalsha'>,
  subject: SignatureLimitSubject,
  limits: SignatureLimits = DEFAULT_SIGNATURE_LIMITS,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<LimitVerdict> {
  const [verdict] = await checkManySignatureLimits(redis, [subject], limits, log);
  return verdict!;
}
