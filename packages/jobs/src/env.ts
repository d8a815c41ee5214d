import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';

export const jobsEnvSchema = z.object({
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  /** Key prefix of every queue in Redis (lets several installs or test runs share one Redis). */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,40}$/, 'letters, digits, _ and - only')
    .default('undersigned'),
});

export type JobsEnv = z.infer<typeof jobsEnvSchema>;

let cached: JobsEnv | undefined;

/** The queue environment, validated once. */
export function jobsEnv(source: Record<string, string | undefined> = process.env): JobsEnv {
  if (source !== process.env) return parseEnv(jobsEnvSchema, source);
  cached ??= parseEnv(jobsEnvSchema, source);
  return cached;
}
