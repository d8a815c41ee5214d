import { findPendingDeliveries, findReviewJobsToRun, findUnsentConfirmations, findUpdatesToRun, reapInterruptedRecipients } from '@undersigned/core';
import {
  enqueueReviewRun,
  enqueueUpdatePlan,
  enqueueUpdateSend,
  ensureConfirmationEmailQueued,
  ensureDeliveryQueued,
  liveReviewRuns,
  liveUpdateJobs,
} from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * maintenance.reconcile-jobs: Postgres is the truth. Every pending delivery and every pending
 * signature whose confirmation email was never recorded as sent gets a job if Redis lost it
 * (flushed, restarted without persistence, or the enqueue failed while it was down). Updates to
 * signers: recipients left `sending` past their lease by a dead worker become `interrupted`
 * (never re-sent), and an update that is planning, sending, or cancelled with pending rows gets a
 * planning / sending run if it has none waiting, delayed or running. A review job (a large
 * approve / reject) that is queued or running gets a run if none is waiting or running.
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
  const reaped = await reapInterruptedRecipients(ctx.db, { leaseMs: ctx.env.UPDATES_SENDING_LEASE_MS });
  const interrupted = reaped.reduce((sum, r) => sum + r.interrupted, 0);
  const toRun = await findUpdatesToRun(ctx.db);
  let updateRuns = 0;
  if (toRun.plan.length || toRun.send.length) {
    const live = await liveUpdateJobs();
    for (const updateId of toRun.plan) {
      if (live.plan.has(updateId)) continue;
      await enqueueUpdatePlan({ updateId });
      updateRuns += 1;
    }
    for (const updateId of toRun.send) {
      if (live.send.has(updateId)) continue;
      await enqueueUpdateSend({ updateId });
      updateRuns += 1;
    }
  }
  let reviewRuns = 0;
  const reviews = await findReviewJobsToRun(ctx.db);
  if (reviews.length) {
    const live = await liveReviewRuns();
    for (const reviewJobId of reviews) {
      if (live.has(reviewJobId)) continue;
      await enqueueReviewRun({ reviewJobId });
      reviewRuns += 1;
    }
  }
  const busy = deliveries || confirmations || interrupted || updateRuns || reviewRuns;
  return { outcome: busy ? 'requeued' : 'idle', deliveries, confirmations, interrupted, updateRuns, reviewRuns };
}
