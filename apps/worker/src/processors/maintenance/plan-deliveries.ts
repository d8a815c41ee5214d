import { findPendingDeliveries, planDeliveries as plan } from '@undersigned/core';
import { ensureDeliveryQueued } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * maintenance.plan-deliveries (every few seconds): create the deliveries that are due, then make
 * sure every pending delivery has a job (new ones, staff's "deliver now", and jobs lost with Redis).
 */
export async function planDeliveries(_job: unknown, ctx: WorkerContext): Promise<JobResult> {
  const planned = await plan(ctx.db);
  const pending = await findPendingDeliveries(ctx.db);
  let queued = 0;
  for (const deliveryId of pending) {
    if ((await ensureDeliveryQueued({ deliveryId })) !== 'present') queued += 1;
  }
  return {
    outcome: planned.length || queued ? 'planned' : 'idle',
    created: planned.map((p) => ({ deliveryId: p.deliveryId, targetId: p.targetId, trigger: p.trigger, milestone: p.milestone, status: p.status })),
    pending: pending.length,
    enqueued: queued,
  };
}
