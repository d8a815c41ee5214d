import type { DefaultJobOptions } from 'bullmq';

/**
 * Default options for every job we enqueue. Temporary failures (SMTP 4xx, timeouts, Redis or
 * Postgres blips) retry with exponential backoff: 2 s, 4 s, 8 s … (10 attempts ≈ 17 minutes).
 * Past that, Postgres still says what is owed and the reconciler enqueues it again.
 * Finished jobs are kept a while (bounded by age and count) for inspection, and so that a
 * repeated enqueue with the same job id is a no-op while they are kept.
 */
export const DEFAULT_JOB_OPTIONS: Readonly<DefaultJobOptions> = Object.freeze({
  attempts: 10,
  backoff: Object.freeze({ type: 'exponential', delay: 2_000 }),
  removeOnComplete: Object.freeze({ age: 24 * 3600, count: 10_000 }),
  removeOnFail: Object.freeze({ age: 7 * 24 * 3600, count: 50_000 }),
});

/** Repeatable maintenance jobs: one attempt (the next tick retries), keep little history. */
export const MAINTENANCE_JOB_OPTIONS: Readonly<DefaultJobOptions> = Object.freeze({
  attempts: 1,
  removeOnComplete: Object.freeze({ age: 3600, count: 100 }),
  removeOnFail: Object.freeze({ age: 24 * 3600, count: 1_000 }),
});

/** The longest an enqueue may take before it is reported as failed (Redis unreachable). */
export const ENQUEUE_TIMEOUT_MS = 2_000;
