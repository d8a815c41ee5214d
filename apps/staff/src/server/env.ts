import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';
import { logEnvSchema } from '@undersigned/log';
import { metricsEnvSchema, type MetricsEnv } from '@undersigned/metrics/env';

export const staffEnvSchema = z.object({
  ...logEnvSchema.shape,
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'),
  MAIL_FROM: z.string().min(3),
  /** The signer-token secret (HMAC): unsubscribe links in update previews and tests, suppression hashes in the audience count. */
  CONFIRM_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  STAFF_URL: z.url().default('http://localhost:3001'),
  PUBLIC_WEB_URL: z.url().default('http://localhost:3000'),
  /** IANA time zone that defines "today" on dashboards. */
  STAFF_TIME_ZONE: z.string().default('America/Los_Angeles'),
  /** Staff session lifetime in hours. */
  STAFF_SESSION_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /**
   * Development only: accept webhook URLs on loopback and private networks (a receiver on this
   * machine). Never in production — the sender checks again with its own setting.
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type StaffEnv = z.infer<typeof staffEnvSchema>;

let cached: StaffEnv | undefined;

/** The staff app's environment, validated on first use (names the bad variable). */
export function staffEnv(): StaffEnv {
  cached ??= parseEnv(staffEnvSchema);
  return cached;
}

let metricsCached: MetricsEnv | undefined;

/**
 * The metrics settings alone (METRICS_ENABLED, METRICS_TOKEN, METRICS_PORT, METRICS_HOST;
 * docs/metrics.md): read at boot by instrumentation.ts without requiring the rest of the staff env.
 */
export function staffMetricsEnv(): MetricsEnv {
  metricsCached ??= parseEnv(metricsEnvSchema);
  return metricsCached;
}
