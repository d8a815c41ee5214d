import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';
import { dbEnvSchema } from '@undersigned/db/env';
import { logEnvSchema } from '@undersigned/log';
import { metricsEnvSchema } from '@undersigned/metrics/env';

/** Everything the public app reads from the environment, validated once. */
export const webEnvSchema = dbEnvSchema.extend({
  ...logEnvSchema.shape,
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  PUBLIC_WEB_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  IP_HASH_SECRET: z.string().min(32, 'must be at least 32 characters'),
  CONFIRM_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /**
   * Shared secret of the inbound bounce/complaint webhook (POST /api/v1/email-events, sent as
   * `Authorization: Bearer …`). Unset or empty: the endpoint is off and answers 503.
   */
  EMAIL_EVENTS_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters').optional()),
  /**
   * Hops that append to X-Forwarded-For, counting the app's own server (server.ts appends the
   * socket peer): 1 when clients connect directly, 2 behind one reverse proxy. Picks the client IP
   * for rate limits from the trusted right end of the header.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(5).default(1),
  /** Redis key prefix of the rate limits: signing, and the API keys' per-minute limits under `<prefix>:apikey` (tests and e2e runs use their own). */
  RATE_LIMIT_PREFIX: z
    .string()
    .regex(/^[\w:.-]{1,64}$/)
    .default('rl:sign'),
  /** Signing rate limits (see DEFAULT_SIGNATURE_LIMITS); raise them only for load tests. */
  SIGN_LIMIT_PER_IP_SUSPICIOUS: z.coerce.number().int().positive().optional(),
  SIGN_LIMIT_PER_IP_BLOCK: z.coerce.number().int().positive().optional(),
  SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: z.coerce.number().int().positive().optional(),
  SIGN_LIMIT_PER_DOMAIN_BLOCK: z.coerce.number().int().positive().optional(),
  /** Group commit of signatures: pool size, statements in flight, rows per statement, queue cap. */
  SIGN_POOL_MAX: z.coerce.number().int().min(1).max(50).default(4),
  SIGN_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(2),
  SIGN_MAX_BATCH: z.coerce.number().int().min(1).max(5000).default(1000),
  SIGN_MAX_QUEUED: z.coerce.number().int().min(1).default(20000),
  /** Log the group-commit batcher's figures (rows, statements, mean batch) at this interval. */
  SIGN_STATS_INTERVAL_MS: z.coerce.number().int().min(100).optional(),
  /** /metrics: METRICS_ENABLED, METRICS_TOKEN, METRICS_PORT, METRICS_HOST (docs/metrics.md). */
  ...metricsEnvSchema.shape,
});

export type WebEnv = z.infer<typeof webEnvSchema>;

/** Where the production server (server.ts) listens. */
export const listenEnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default('0.0.0.0'),
  /**
   * Graceful shutdown (SIGTERM/SIGINT): how long the server drains — no new connections, requests
   * on open ones answered with `Connection: close`, in-flight requests and group-commit batches
   * finished — before whatever still arrives gets 503 + Retry-After and the process exits. Keep it
   * below the supervisor's kill timeout (Docker's stop_grace_period, systemd's TimeoutStopSec).
   */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
});

/**
 * The public URL for page metadata (absolute OG/canonical links). Pages are also rendered by
 * `next build`, which runs without the runtime environment: then it is the development URL.
 */
export function metadataBaseUrl(): URL {
  const parsed = z.url().safeParse(process.env.PUBLIC_WEB_URL);
  return new URL(parsed.success ? parsed.data : 'http://localhost:3000');
}

let cached: WebEnv | undefined;

export function webEnv(): WebEnv {
  cached ??= parseEnv(webEnvSchema);
  return cached;
}
