import { findPendingDeliveries, findUnsentConfirmations } from '@undersigned/core';
import { ensureConfirmationEmailQueued, ensureDeliveryQueued } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * maintenance.reconcile-jobs: Postgres is the truth. Every pending delivery and every pending
 * signature whose confirmation email was never recorded as sent gets a job if Redis lost it
 * (flushed, restarted without persistence, or the enqueue failed while it was down).
 */
export async function reconcileJobs(_job: unknown, ctx: WorkerContext): Promise<JobResult> {
  let deliveries = 0;
  for (const deliveryId of await findPendingDeliveries(ctx.db)) {
    if ((await ensureDeliveryQueued({ deliveryId })) !== 'present') deliveries += 1;
  }
  let confirmations = 0;
  for (const signatureId of await findUnsentConfirmations(ctx.db, { olderThanMs: 60_000 })) {
    if ((await ensureConfirmationEmailQueued({ signatureId })) !== 'present') confirmations += 1;
  }
  return { outcome: deliveries || confirmations ? 'requeued' : 'idle', deliveries, confirmations };
}
