import type { Job } from 'bullmq';
import { pgPoolOf, type Db } from '@undersigned/db';
import { countQueueJobs, JOBS } from '@undersigned/jobs';
import { processMetrics, type Metrics } from '@undersigned/metrics';
import type { JobResult } from './context';
import type { WorkerEnv } from './env';

/**
 * The worker's metrics (docs/metrics.md): the process's registry with its Prisma pool and every
 * queue's depth (read at most every 5 s), or null when METRICS_ENABLED=false.
 */
export function startWorkerMetrics(env: WorkerEnv, db: Db): Metrics | null {
  const metrics = processMetrics(env, 'worker');
  metrics?.observePool('prisma', pgPoolOf(db));
  metrics?.observeQueues(countQueueJobs);
  return metrics;
}

const seconds = (job: Job) => (job.finishedOn && job.processedOn ? (job.finishedOn - job.processedOn) / 1000 : undefined);
const count = (value: unknown) => (typeof value === 'number' && value > 0 ? value : 0);

/** What the reconcile-jobs result's fields count, as repair kinds. */
const REQUEUED = {
  deliveries: 'delivery_job',
  confirmations: 'confirmation_job',
  interrupted: 'update_recipient',
  updateRuns: 'update_run',
  reviewRuns: 'review_run',
};

/** A job that completed: its queue's outcome and duration, and what its result says was sent or repaired. */
export function recordJobCompleted(metrics: Metrics | null, job: Job, result: JobResult | undefined): void {
  if (!metrics) return;
  metrics.jobs.inc({ queue: job.queueName, outcome: 'completed' });
  const s = seconds(job);
  if (s !== undefined) metrics.jobSeconds.observe({ queue: job.queueName }, s);
  if (!result) return;
  switch (job.name) {
    case JOBS.sendDelivery:
      if (result.outcome === 'sent' || result.outcome === 'failed' || result.outcome === 'uncertain')
        metrics.deliveries.inc({ outcome: result.outcome });
      break;
    case JOBS.sendConfirmationEmail:
      if (result.outcome === 'sent' || result.outcome === 'bounced') metrics.emails.inc({ kind: 'confirmation', outcome: result.outcome });
      break;
    case JOBS.sendUpdate:
      if (count(result.sent)) metrics.emails.inc({ kind: 'update', outcome: 'sent' }, count(result.sent));
      if (count(result.failed)) metrics.emails.inc({ kind: 'update', outcome: 'failed' }, count(result.failed));
      break;
    case JOBS.reconcileCounts:
      if (Array.isArray(result.repairs) && result.repairs.length) metrics.reconcilerRepairs.inc({ kind: 'counter' }, result.repairs.length);
      break;
    case JOBS.reconcileJobs:
      for (const [field, kind] of Object.entries(REQUEUED)) if (count(result[field])) metrics.reconcilerRepairs.inc({ kind }, count(result[field]));
      break;
  }
}

/** A job that threw: `retrying` when BullMQ will try again, else `failed`; a delivery's or an email's attempt counts as `error`. */
export function recordJobFailed(metrics: Metrics | null, job: Job | undefined, willRetry: boolean): void {
  if (!metrics || !job) return;
  metrics.jobs.inc({ queue: job.queueName, outcome: willRetry ? 'retrying' : 'failed' });
  const s = seconds(job);
  if (s !== undefined) metrics.jobSeconds.observe({ queue: job.queueName }, s);
  if (job.name === JOBS.sendDelivery) metrics.deliveries.inc({ outcome: 'error' });
  if (job.name === JOBS.sendConfirmationEmail) metrics.emails.inc({ kind: 'confirmation', outcome: 'error' });
}
