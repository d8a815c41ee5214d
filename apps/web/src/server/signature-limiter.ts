import { createSignatureLimiter, DEFAULT_SIGNATURE_LIMITS, type SignatureLimiter, type SignatureLimits } from '@/server/core';
import { webEnv } from './env';
import { getRedis } from './redis';

const globalForLimiter = globalThis as unknown as { __undersignedSignatureLimiter?: SignatureLimiter };

/** The default limits, with any SIGN_LIMIT_* overrides from the environment. */
function signatureLimits(): SignatureLimits {
  const env = webEnv();
  const d = DEFAULT_SIGNATURE_LIMITS;
  return {
    ...d,
    perIp: {
      ...d.perIp,
      suspiciousAbove: env.SIGN_LIMIT_PER_IP_SUSPICIOUS ?? d.perIp.suspiciousAbove,
      blockAt: env.SIGN_LIMIT_PER_IP_BLOCK ?? d.perIp.blockAt,
    },
    perEmailDomain: {
      ...d.perEmailDomain,
      suspiciousAbove: env.SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS ?? d.perEmailDomain.suspiciousAbove,
      blockAt: env.SIGN_LIMIT_PER_DOMAIN_BLOCK ?? d.perEmailDomain.blockAt,
    },
  };
}

/**
 * The process-wide signing rate limiter (issue 3 limits, issue 6 batching): every attempt is
 * checked, but those arriving while a check is in flight share the next Redis round trip.
 */
export function getSignatureLimiter(): SignatureLimiter {
  globalForLimiter.__undersignedSignatureLimiter ??= createSignatureLimiter(getRedis(), { limits: signatureLimits() });
  return globalForLimiter.__undersignedSignatureLimiter;
}
