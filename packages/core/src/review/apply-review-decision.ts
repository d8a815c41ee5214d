import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { decideReviewRows } from './decide-review-rows';
import { REVIEW_DIRECT_LIMIT } from './preview-review-decision';
import {
  auditReviewSelection,
  parseReviewSelection,
  reviewSelectionSql,
  serializeReviewSelection,
  type ReviewDecision,
  type ReviewSelection,
} from './review-selection';

export type ApplyReviewDecisionResult =
  | { mode: 'applied'; changed: number; counted: number; awaiting: number }
  /** Too large for one request: a review job was created (status queued). The caller enqueues `review.run` for it. */
  | { mode: 'job'; jobId: string; expected: number };

const conflict = (now: number, expected: number) =>
  new AppError('conflict', `The selection now matches ${now} signatures, not ${expected}. Preview again.`);

/**
 * Approves or rejects the signatures a selection matches, after a preview (previewReviewDecision):
 * `expected` is the preview's `matching`. If more match now (the selection grew since), nothing
 * changes and a `conflict` is raised — a decision never changes more than was previewed.
 *
 * Up to REVIEW_DIRECT_LIMIT signatures: applied at once, in one transaction with the counter
 * shards, the webhook events and the audit entry (see decideReviewRows for the semantics).
 * More: a review_job row is created (queued, capped at the rows matching now and at the highest
 * id matching now) and its id returned; the worker runs it in chunks (runReviewJobChunk), the
 * caller enqueues it (Postgres holds it either way: the worker's reconciler finds a queued job
 * whose queue entry was lost). Audited as signatures.review_approve / signatures.review_reject
 * with counts and the selection's criteria, never personal data.
 */
export async function applyReviewDecision(
  db: Db,
  actor: StaffActor,
  input: { selection: ReviewSelection; decision: ReviewDecision; expected: number },
): Promise<ApplyReviewDecisionResult> {
  const { decision, expected } = input;
  if (decision !== 'approve' && decision !== 'reject') throw new AppError('validation', 'Choose approve or reject.', { decision: 'invalid' });
  if (!Number.isInteger(expected) || expected < 0) throw new AppError('validation', 'Preview first.', { expected: 'invalid' });
  const sel = parseReviewSelection(input.selection);
  const where = reviewSelectionSql(sel, decision);
  const [now] = await db.$queryRaw<{ n: bigint; max_id: bigint | null }[]>`
    SELECT count(*)::bigint AS n, max(s.id) AS max_id FROM signature s JOIN person p ON p.id = s.person_id WHERE ${where}`;
  const matching = Number(now?.n ?? 0);
  if (matching > expected) throw conflict(matching, expected);
  const action = `signatures.review_${decision}`;
  const entity = sel.campaignId !== undefined ? { entityType: 'campaign', entityId: sel.campaignId } : { entityType: 'review', entityId: null };

  if (matching <= REVIEW_DIRECT_LIMIT) {
    return db.$transaction(
      async (tx) => {
        const done = await decideReviewRows(tx, sel, decision, expected + 1);
        if (done.changed > expected) throw conflict(done.changed, expected);
        if (done.changed > 0) {
          await recordAudit(tx, {
            actorId: actor.id,
            action,
            ...entity,
            data: { changed: done.changed, counted: done.counted, awaiting: done.awaiting, selection: auditReviewSelection(sel) },
          });
        }
        return { mode: 'applied' as const, ...done };
      },
      { timeout: 30_000 },
    );
  }

  const bounded = { ...sel, throughId: now?.max_id ?? undefined };
  return db.$transaction(async (tx) => {
    const job = await tx.reviewJob.create({
      data: {
        campaignId: sel.campaignId ?? null,
        decision,
        selection: serializeReviewSelection(bounded),
        expected: matching,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action,
      ...entity,
      data: { jobId: job.id, queued: matching, selection: auditReviewSelection(sel) },
    });
    return { mode: 'job' as const, jobId: job.id, expected: matching };
  });
}
