import type { Job } from 'bullmq';
import { runReviewJobChunk } from '@undersigned/core';
import { enqueueReviewRun, reviewJobPayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/** How long one run decides chunks before it hands over to a fresh job (keeps locks short, shutdowns quick). */
export const REVIEW_RUN_MS = 20_000;

/**
 * review.run: a review decision too large for one request (core's runReviewJobChunk: ≤ 500
 * signatures per transaction, progress recorded with each). Runs chunk after chunk until the job
 * is done or failed, or REVIEW_RUN_MS passed, or a graceful shutdown began; then, while work
 * remains, queues its successor. A crash between chunks loses nothing: the row says how far it
 * got, BullMQ retries a stalled run, and reconcile-jobs re-queues a job whose run Redis lost.
 */
export async function runReview(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { reviewJobId } = reviewJobPayload.parse(job.data);
  const started = Date.now();
  let chunks = 0;
  let changed = 0;
  for (;;) {
    const result = await runReviewJobChunk(ctx.db, reviewJobId);
    chunks += 1;
    changed += result.changed;
    if (!result.more) {
      return { outcome: result.status, reviewJobId, chunks, changed, done: result.done, counted: result.counted, expected: result.expected };
    }
    if (Date.now() - started >= REVIEW_RUN_MS || ctx.isClosing()) {
      await enqueueReviewRun({ reviewJobId });
      return { outcome: 'chunk', reviewJobId, chunks, changed, done: result.done, expected: result.expected };
    }
  }
}
