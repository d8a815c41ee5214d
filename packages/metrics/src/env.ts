import { z } from 'zod';

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default(fallback)
    .transform((v) => v === 'true' || v === '1');

/**
 * How a process serves its metrics (docs/metrics.md). Each app extends its own env schema with
 * these, so a bad value stops the boot with the variable's name.
 */
export const metricsEnvSchema = z.object({
  /** false: no registry, no instrumentation, `/metrics` answers 404 (the bench's "without" run). */
  METRICS_ENABLED: flag('true'),
  /**
   * Bearer token for `/metrics` on the app's public port. Unset: `/metrics` there answers 404
   * (scrape the private listener instead).
   */
  METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'must be at least 16 characters').optional()),
  /** A separate listener that serves `/metrics` without a token; bind it to a private address. */
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
});

export type MetricsEnv = z.infer<typeof metricsEnvSchema>;
