import type { Job } from 'bullmq';
import { JOBS, type JobName } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../context';
import { sendDelivery } from './deliveries/send-delivery';
import { sendConfirmationEmail } from './emails/send-confirmation-email';
import { planDeliveries } from './maintenance/plan-deliveries';
import { reconcileCounts } from './maintenance/reconcile-counts';
import { reconcileJobs } from './maintenance/reconcile-jobs';
import { anonymizeSigners } from './maintenance/anonymize-signers';
import { planUpdate } from './updates/plan-update';
import { sendUpdate } from './updates/send-update';
import { webhooksTick } from './webhooks/webhooks-tick';
import { runReview } from './review/run-review';

export type Processor = (job: Job, ctx: WorkerContext) => Promise<JobResult>;

/**
 * Every job name has exactly one processor (the compiler checks the map is complete). A job
 * under any other name fails at once, without retries (worker.ts). That is what happens, after a
 * deploy, to confirmation emails still queued under the job's old name `emails.confirm-signature`
 * (renamed `emails.send-confirmation-email` in issue 11), and it loses none of them: the email is
 * still owed in Postgres (a pending signature without confirmation_sent_at), so the next
 * reconcile-jobs tick (every minute, for signatures over a minute old) finds the failed job under
 * the unchanged job id `confirm-<signature id>`, removes it and queues the new name. The failed
 * job sent nothing, so nothing is sent twice. (During a rolling deploy an old worker that takes a
 * new-named job fails it as a retryable error; a new worker's retry sends it.)
 */
export const PROCESSORS: Record<JobName, Processor> = {
  [JOBS.sendDelivery]: sendDelivery,
  [JOBS.sendConfirmationEmail]: sendConfirmationEmail,
  [JOBS.planDeliveries]: planDeliveries,
  [JOBS.reconcileJobs]: reconcileJobs,
  [JOBS.anonymizeSigners]: anonymizeSigners,
  [JOBS.reconcileCounts]: reconcileCounts,
  [JOBS.planUpdate]: planUpdate,
  [JOBS.sendUpdate]: sendUpdate,
  [JOBS.webhooksTick]: webhooksTick,
  [JOBS.runReview]: runReview,
};
