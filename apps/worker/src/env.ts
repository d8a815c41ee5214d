import { z } from 'zod';
import { parseEnvOrExit } from '@undersigned/config/env';
import { loadEnvFile } from '@undersigned/config/load-env-file';
import { dbEnvSchema } from '@undersigned/db';
import { emailEnvSchema } from '@undersigned/email';
import { jobsEnvSchema } from '@undersigned/jobs';
import { logEnvSchema } from '@undersigned/log';
import { metricsEnvSchema } from '@undersigned/metrics/env';

const ms = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(100)
    .max(24 * 3600_000)
    .default(fallback);

export const workerEnvSchema = z.object({
  ...dbEnvSchema.shape,
  ...jobsEnvSchema.shape,
  ...emailEnvSchema.shape,
  ...logEnvSchema.shape,
  /** /metrics on the health port (bearer token) and the private listener: docs/metrics.md. */
  ...metricsEnvSchema.shape,
  CONFIRM_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters'),
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  /** How often the delivery planner runs (milestones, digests, final deliveries). */
  WORKER_PLAN_EVERY_MS: ms(5_000),
  /** How often lost jobs (deliveries, confirmation emails) are looked for and re-enqueued. */
  WORKER_RECONCILE_EVERY_MS: ms(60_000),
  /** Job lock duration; a job whose worker died is picked up again after about this long. */
  WORKER_LOCK_MS: z.coerce.number().int().min(1_000).max(3600_000).optional(),
  /** Data retention: signers of campaigns closed (or won) longer than this many days are anonymised. */
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  /** How often the retention job runs (hourly by default; each run is cheap when nothing is due). */
  WORKER_RETENTION_EVERY_MS: ms(3600_000),
  /** Longest a graceful shutdown may take before the process exits anyway. */
  WORKER_SHUTDOWN_TIMEOUT_MS: ms(60_000),
  /** Updates to signers: messages per second across ALL workers (a Redis-shared budget); 0 turns the throttle off (benchmarks). */
  UPDATES_RATE_PER_SECOND: z.coerce.number().int().min(0).max(100_000).default(50),
  /** Signatures looked at per planning run (one bounded transaction). */
  UPDATES_PLAN_CHUNK: z.coerce.number().int().min(1).max(100_000).default(5_000),
  /** Recipients claimed per sending batch (outcomes are recorded per batch). */
  UPDATES_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  /** Messages in flight at once within a batch. */
  UPDATES_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Pooled SMTP connections of the updates' mailer (per worker process). */
  UPDATES_SMTP_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(4),
  /** Sending runs kept going per update (they share the rate; more lets several workers send one update). */
  UPDATES_SEND_JOBS: z.coerce.number().int().min(1).max(50).default(2),
  /** A sending run claims batches for this long, then queues its successor. */
  UPDATES_RUN_MS: ms(30_000),
  /** A recipient `sending` longer than this belongs to a dead run: reaped as `interrupted` (never re-sent). */
  UPDATES_SENDING_LEASE_MS: z.coerce.number().int().min(1_000).max(3600_000).default(120_000),
  /** Attempts per recipient for temporary failures (4xx, timeouts) before it is `failed`. */
  UPDATES_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** First retry delay after a temporary failure; doubles per attempt (capped at an hour). */
  UPDATES_RETRY_BASE_MS: ms(60_000),
  /** Webhooks: how often the tick job runs (each run dispatches and sends until nothing is due, for up to WEBHOOK_RUN_MS). */
  WEBHOOK_TICK_MS: ms(1_000),
  /** Longest one tick keeps dispatching and sending before it leaves the rest to the next tick. */
  WEBHOOK_RUN_MS: ms(15_000),
  /** Events per POST at most (N); a partial batch waits up to WEBHOOK_BATCH_WAIT_MS (T) for more. */
  WEBHOOK_BATCH_SIZE: z.coerce.number().int().min(1).max(1_000).default(100),
  WEBHOOK_BATCH_WAIT_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /** POSTs in flight at once per worker (and never more than 4 per endpoint across workers). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(8),
  /** Each POST's deadline: connect, answer and the (at most 4 KB) read. */
  WEBHOOK_TIMEOUT_MS: ms(5_000),
  /** First retry delay after a failed POST; doubles per attempt (with jitter) up to WEBHOOK_RETRY_MAX_MS. */
  WEBHOOK_RETRY_BASE_MS: ms(5_000),
  WEBHOOK_RETRY_MAX_MS: ms(3_600_000),
  /** A delivery failing this long fails for good; an endpoint failing this long is disabled (admins see a notice). */
  WEBHOOK_GIVE_UP_MS: ms(86_400_000),
  /** Development only: let webhooks reach loopback and private addresses (a warning is logged at boot). */
  WEBHOOK_ALLOW_PRIVATE_URLS: z
    .enum(['true', 'false', '1', '0'], 'must be true or false')
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

/** Loads the repository's .env when present (without overriding the environment), then validates. */
export function loadWorkerEnv(): WorkerEnv {
  loadEnvFile();
  return parseEnvOrExit(workerEnvSchema);
}
