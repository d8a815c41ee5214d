import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every process's logging settings; each app composes this into its env schema (validated at boot). */
export const logEnvSchema = z.object({
  /** Lines below this level are not written (default info; `debug` adds per-message SMTP lines of updates). */
  LOG_LEVEL: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
  /** `json` (one object per line, for production and log shippers) or `pretty` (colored, for `npm run dev`). */
  LOG_FORMAT: z.enum(['json', 'pretty'], 'must be json or pretty').default('json'),
});

export type LogEnv = z.infer<typeof logEnvSchema>;

let cached: LogEnv | undefined;

/** The logging environment, validated once. */
export function logEnv(source: Record<string, string | undefined> = process.env): LogEnv {
  if (source !== process.env) return parseEnv(logEnvSchema, source);
  cached ??= parseEnv(logEnvSchema, source);
  return cached;
}
