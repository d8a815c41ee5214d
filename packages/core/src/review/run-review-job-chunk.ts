import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { decideReviewRows } from './decide-review-rows';
import { auditReviewSelection, deserializeReviewSelection, type ReviewDecision } from './review-selection';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Signatures one chunk of a review job decides, in one transaction. */
export const REVIEW_CHUNK = 500;

export interface ReviewJobChunkResult {
  status: 'queued' | 'running' | 'done' | 'failed' | 'missing';
  /** Rows this chunk changed. */
  changed: number;
  done: number;
  counted: number;
  expected: number;
  /** Work remains: run another chunk. */
  more: boolean;
}

interface JobRow {
  id: string;
  decision: ReviewDecision;
  selection: unknown;
  expected: number;
  done: number;
  counted: number;
  status: 'queued' | 'running' | 'done' | 'failed';
  created_by_id: string | null;
  campaign_id: number | null;
}

/**
 * For the worker: one chunk of a review job. Locks the job row (so two runs of one job take
 * turns), decides the next ≤ REVIEW_CHUNK matching signatures — never more than the job's
 * `expected` in all — and records done / counted in the same transaction, so progress is exact
 * whatever crashes. The job is `done` when nothing matching is left or `expected` is reached
 * (rows someone else decided meanwhile are simply not there any more); then the decision is
 * audited with its totals. An error marks the job `failed` with the message (what was done
 * before it stays done and counted).
 */
export async function runReviewJobChunk(db: Db, jobId: string, options: { chunk?: number } = {}): Promise<ReviewJobChunkResult> {
  const chunk = Math.max(1, Math.min(options.chunk ?? REVIEW_CHUNK, REVIEW_CHUNK));
  if (!UUID.test(jobId)) return { status: 'missing', changed: 0, done: 0, counted: 0, expected: 0, more: false };
  try {
    return await db.$transaction(
      async (tx) => {
        const [job] = await tx.$queryRaw<JobRow[]>`
          SELECT id::text, decision::text AS decision, selection, expected, done, counted, status::text AS status, created_by_id, campaign_id
          FROM review_job WHERE id = ${jobId}::uuid FOR UPDATE`;
        if (!job) return { status: 'missing', changed: 0, done: 0, counted: 0, expected: 0, more: false };
        if (job.status === 'done' || job.status === 'failed') {
          return { status: job.status, changed: 0, done: job.done, counted: job.counted, expected: job.expected, more: false };
        }
        const sel = deserializeReviewSelection(job.selection);
        const limit = Math.min(chunk, job.expected - job.done);
        const decided = await decideReviewRows(tx, sel, job.decision, limit);
        const done = job.done + decided.changed;
        const counted = job.counted + decided.counted;
        const finished = decided.changed < limit || done >= job.expected;
        await tx.$executeRaw`
          UPDATE review_job SET done = ${done}, counted = ${counted},
            status = ${finished ? 'done' : 'running'}::"ReviewJobStatus", finished_at = ${finished ? new Date() : null}
          WHERE id = ${jobId}::uuid`;
        if (finished) {
          await recordAudit(tx, {
            actorId: job.created_by_id,
            action: `signatures.review_${job.decision}`,
            entityType: job.campaign_id !== null ? 'campaign' : 'review',
            entityId: job.campaign_id,
            data: { jobId, changed: done, counted, selection: auditReviewSelection(sel) },
          });
        }
        return { status: finished ? 'done' : 'running', changed: decided.changed, done, counted, expected: job.expected, more: !finished };
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    await db.$executeRaw`
      UPDATE review_job SET status = 'failed', error = ${message}, finished_at = now()
      WHERE id = ${jobId}::uuid AND status IN ('queued', 'running')`;
    const job = await db.reviewJob.findUnique({ where: { id: jobId }, select: { done: true, counted: true, expected: true } });
    return { status: 'failed', changed: 0, done: job?.done ?? 0, counted: job?.counted ?? 0, expected: job?.expected ?? 0, more: false };
  }
}
