import { QUEUES, type QueueName } from '@undersigned/jobs';

export interface QueueConfig {
  queue: QueueName;
  /** Jobs processed at once by this process. */
  concurrency: number;
  /** How long a job's lock lasts before it counts as stalled (renewed while the job runs). */
  lockDuration: number;
}

/** One BullMQ Worker per entry. */
export const QUEUE_CONFIG: readonly QueueConfig[] = Object.freeze([
  // Deliveries build a CSV and send a large email: few at a time, long locks.
  { queue: QUEUES.deliveries, concurrency: 2, lockDuration: 120_000 },
  // Confirmation emails are small and latency-sensitive.
  { queue: QUEUES.emails, concurrency: 10, lockDuration: 30_000 },
  // Updates to signers: each job is a bounded run (a planning chunk, or sending batches for
  // UPDATES_RUN_MS); the SMTP concurrency is inside a run and the rate is shared through Redis.
  { queue: QUEUES.updates, concurrency: 4, lockDuration: 60_000 },
  // Planner and reconcilers: one at a time.
  { queue: QUEUES.maintenance, concurrency: 1, lockDuration: 60_000 },
  // Webhooks: one tick at a time per process; the POSTs' concurrency (WEBHOOK_CONCURRENCY) is inside it.
  { queue: QUEUES.webhooks, concurrency: 1, lockDuration: 60_000 },
  // Review decisions: each run decides chunks of ≤ 500 signatures for up to 20 s; the job row serializes runs of one job.
  { queue: QUEUES.review, concurrency: 2, lockDuration: 60_000 },
]);
