import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';
import { dbEnvSchema } from '@undersigned/db/env';

/** Everything the public app reads from the environment, validated once. */
export const webEnvSchema = dbEnvSchema.extend({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  PUBLIC_WEB_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  IP_HASH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CONFIRM_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Redis key prefix of the signing rate limits (tests and e2e runs use their own). */
  /** Reverse proxies in front of the app that append to X-Forwarded-For (client IP for rate limits). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
  RATE_LIMIT_PREFIX: z.string().regex(/^[\w:.-]{1,64}$/).default('rl:sign'),
});

export type WebEnv = z.infer<typeof webEnvSchema>;

let cached: WebEnv | undefined;

export function webEnv(): WebEnv {
  cached ??= parseEnv(webEnvSchema);
  return cached;
}
