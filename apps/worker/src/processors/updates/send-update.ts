import type { Job } from 'bullmq';
import { runUpdateSend } from '@undersigned/core/mail';
import { enqueueUpdateSend, liveUpdateJobs, updateJobPayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * updates.send: one sending run of an update (core's runUpdateSend: batches for UPDATES_RUN_MS,
 * throttled across all workers). While work remains it queues its successor — delayed until the
 * next retry is due when only retries are left — and tops the update's runs up to
 * UPDATES_SEND_JOBS, so several workers share a large update. A graceful shutdown ends the run
 * after its current batch and queues the successor for another worker.
 */
export async function sendUpdate(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { updateId } = updateJobPayload.parse(job.data);
  const { env } = ctx;
  const result = await runUpdateSend(
    ctx.db,
    { updateId },
    {
      mailer: ctx.updates.mailer,
      throttle: ctx.updates.throttle,
      secret: env.CONFIRM_TOKEN_SECRET,
      publicWebUrl: env.PUBLIC_WEB_URL,
      batchSize: env.UPDATES_BATCH_SIZE,
      concurrency: env.UPDATES_SEND_CONCURRENCY,
      maxAttempts: env.UPDATES_MAX_ATTEMPTS,
      retryBaseMs: env.UPDATES_RETRY_BASE_MS,
      leaseMs: env.UPDATES_SENDING_LEASE_MS,
      maxRunMs: env.UPDATES_RUN_MS,
      shouldStop: ctx.isClosing,
    },
  );
  let queued = 0;
  if (result.more) {
    if (result.delayMs) {
      await enqueueUpdateSend({ updateId }, { delayMs: result.delayMs });
      queued = 1;
    } else {
      // Runs of this update that are waiting or running now (this one included); delayed ones wait for retries.
      const live = (await liveUpdateJobs({ includeDelayed: false })).send.get(updateId) ?? 1;
      const others = Math.max(0, live - 1);
      queued = result.outcome === 'cancelling' ? 1 : Math.max(1, env.UPDATES_SEND_JOBS - others);
      for (let i = 0; i < queued; i += 1) await enqueueUpdateSend({ updateId });
    }
  }
  const { more: _more, ...fields } = result;
  return { ...fields, queued };
}
