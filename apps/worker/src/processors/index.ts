import type { Job } from 'bullmq';
import { JOBS, type JobName } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../context';
import { sendDelivery } from './deliveries/send-delivery';
import { confirmSignature } from './emails/confirm-signature';
import { planDeliveries } from './maintenance/plan-deliveries';
import { reconcileCounts } from './maintenance/reconcile-counts';
import { reconcileJobs } from './maintenance/reconcile-jobs';
import { anonymizeSigners } from './maintenance/anonymize-signers';

export type Processor = (job: Job, ctx: WorkerContext) => Promise<JobResult>;

/** Every job name has exactly one processor (the compiler checks the map is complete). */
export const PROCESSORS: Record<JobName, Processor> = {
  [JOBS.sendDelivery]: sendDelivery,
  [JOBS.confirmSignature]: confirmSignature,
  [JOBS.planDeliveries]: planDeliveries,
  [JOBS.reconcileJobs]: reconcileJobs,
  [JOBS.anonymizeSigners]: anonymizeSigners,
  [JOBS.reconcileCounts]: reconcileCounts,
};
