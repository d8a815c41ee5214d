import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';

export const dbEnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

let cached: DbEnv | undefined;

/** The database environment, validated once. */
export function dbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  if (source !== process.env) return parseEnv(dbEnvSchema, source);
  cached ??= parseEnv(dbEnvSchema, source);
  return cached;
}
