import { randomBytes } from 'node:crypto';

/**
 * Queue and job names: the contract between producers (web, staff, the worker's own schedulers)
 * and the worker. Producers never enqueue by string literal; they use the functions in
 * enqueue.ts, which use these constants.
 */
export const QUEUES = {
  /** Deliveries to officials. One job per delivery row; the job id is the delivery id. */
  deliveries: 'deliveries',
  /** Emails to supporters (confirmation of a pending signature). */
  emails: 'emails',
  /** Updates to signers: planning the recipients, then sending them in bounded chunks. */
  updates: 'updates',
  /** Repeatable jobs: plan deliveries, reconcile lost jobs and counters. */
  maintenance: 'maintenance',
  /** Webhooks: a repeatable tick that dispatches the outbox and sends due deliveries. */
  webhooks: 'webhooks',
  /** Review decisions too large for one request (approve / reject held signatures), run in chunks. */
  review: 'review',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  sendDelivery: 'deliveries.send',
  /**
   * Send a pending signature its confirmation email (the signer's own act of confirming is core's
   * confirmSignature; this job only mails the link). Named `emails.confirm-signature` until
   * issue 11: see the worker's processors/index.ts for what happens to jobs queued under it.
   */
  sendConfirmationEmail: 'emails.send-confirmation-email',
  /** Write an update's recipient rows, a bounded chunk of signatures per run, then start sending. */
  planUpdate: 'updates.plan',
  /** Send an update's pending recipients, a bounded chunk per run, throttled across all workers. */
  sendUpdate: 'updates.send',
  /** Assign delivery sequence numbers, create due deliveries (milestones, digests, final). */
  planDeliveries: 'maintenance.plan-deliveries',
  /** Re-enqueue deliveries and confirmation emails that Postgres says are owed but Redis lost. */
  reconcileJobs: 'maintenance.reconcile-jobs',
  /** Prove and repair the sharded signature counters. */
  reconcileCounts: 'maintenance.reconcile-counts',
  /** Data retention: anonymise signers of campaigns closed longer than RETENTION_DAYS. */
  anonymizeSigners: 'maintenance.anonymize-signers',
  /**
   * Dispatch new webhook events into deliveries and POST the due ones, until nothing is left or a
   * run's time is up (Postgres holds all state: a lost tick loses nothing, the next one does it).
   */
  webhooksTick: 'webhooks.tick',
  /** Run a review job (core's runReviewJobChunk) chunk after chunk for a bounded time, then queue the next run. */
  runReview: 'review.run',
} as const;

export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Which queue carries which job. */
export const JOB_QUEUE = {
  [JOBS.sendDelivery]: QUEUES.deliveries,
  [JOBS.sendConfirmationEmail]: QUEUES.emails,
  [JOBS.planUpdate]: QUEUES.updates,
  [JOBS.sendUpdate]: QUEUES.updates,
  [JOBS.planDeliveries]: QUEUES.maintenance,
  [JOBS.reconcileJobs]: QUEUES.maintenance,
  [JOBS.reconcileCounts]: QUEUES.maintenance,
  [JOBS.anonymizeSigners]: QUEUES.maintenance,
  [JOBS.webhooksTick]: QUEUES.webhooks,
  [JOBS.runReview]: QUEUES.review,
} as const satisfies Record<JobName, QueueName>;

/** BullMQ custom ids may not be integers nor contain ':'; these helpers derive ours. */
export const jobIds = {
  delivery: (deliveryId: string) => deliveryId,
  confirmation: (signatureId: string) => `confirm-${signatureId}`,
  /** Unique per enqueue (time + random), so a later re-enqueue is never deduplicated against a kept job. */
  updatePlan: (updateId: string) => `update-plan-${updateId}-${uniqueSuffix()}`,
  updateSend: (updateId: string) => `update-send-${updateId}-${uniqueSuffix()}`,
  /** Unique per enqueue, as for updates: the review_job row guards the work, a duplicate run finds nothing left. */
  reviewRun: (reviewJobId: string) => `review-${reviewJobId}-${uniqueSuffix()}`,
};

function uniqueSuffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}
