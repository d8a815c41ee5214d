import type { Job } from 'bullmq';
import { planUpdateChunk } from '@undersigned/core';
import { enqueueUpdatePlan, enqueueUpdateSend, updateJobPayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * updates.plan: one bounded chunk of an update's recipient rows (core's planUpdateChunk), then
 * the next chunk's job; after the last chunk, UPDATES_SEND_JOBS sending runs. If an enqueue fails
 * (Redis down) the job fails and retries, and the reconciler finds the update in Postgres anyway.
 */
export async function planUpdate(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { updateId } = updateJobPayload.parse(job.data);
  const result = await planUpdateChunk(ctx.db, { updateId, chunk: ctx.env.UPDATES_PLAN_CHUNK, secret: ctx.env.CONFIRM_TOKEN_SECRET });
  if (!result.done) await enqueueUpdatePlan({ updateId });
  if (result.startedSending) {
    for (let i = 0; i < ctx.env.UPDATES_SEND_JOBS; i += 1) await enqueueUpdateSend({ updateId });
  }
  return {
    outcome: result.startedSending ? 'planned' : result.done ? 'idle' : 'chunk',
    updateId,
    inserted: result.inserted,
    status: result.status,
  };
}
