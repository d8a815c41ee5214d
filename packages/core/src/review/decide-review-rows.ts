import { Prisma } from '@undersigned/db';
import { randomShard } from '../counters/shards';
import { recordWebhookEvents } from '../webhooks/record-webhook-events';
import { reviewSelectionSql, type ReviewDecision, type ValidReviewSelection } from './review-selection';

export interface DecidedRows {
  /** Rows this call changed. */
  changed: number;
  /** Of those, rows that became counted (confirmed). */
  counted: number;
  /** Approved rows that now await their signer's confirmation click (pending, not counted). */
  awaiting: number;
}

interface Row {
  id: bigint;
  campaign_id: number;
  person_id: number;
  status: string;
}

/**
 * Inside the caller's transaction: applies a review decision to at most `limit` rows of a
 * selection, oldest id first, and returns what changed. The shared core of applyReviewDecision
 * (all at once) and runReviewJobChunk (a job's chunk).
 *
 * Exactly once: the rows are locked (FOR UPDATE) by a statement whose WHERE names the statuses
 * the decision may change. A row another decision or a confirmation click changed first is
 * re-checked by PostgreSQL once its lock is released, no longer matches, and is skipped — so a
 * signature is counted by whichever change commits first, and by nothing else.
 *
 * Approve: held / fraudulent / invalidated → confirmed (confirmed_at kept or now), or → pending
 * where the campaign confirms by email, the signer has not clicked and still holds a link.
 * seq is cleared: the delivery planner numbers counted rows without a seq, so the next delivery
 * and the dashboard rollup take them in (a restored row's old seq was taken off the rollup when
 * it was moderated). The rows that became confirmed are added to a counter shard of their
 * campaign and announced as signature.created webhook events, in this transaction.
 * Reject: held → fraudulent; nothing counted changes, nothing is announced.
 */
export async function decideReviewRows(
  tx: Prisma.TransactionClient,
  sel: ValidReviewSelection,
  decision: ReviewDecision,
  limit: number,
): Promise<DecidedRows> {
  if (limit <= 0) return { changed: 0, counted: 0, awaiting: 0 };
  const where = reviewSelectionSql(sel, decision);
  const rows =
    decision === 'approve'
      ? await tx.$queryRaw<Row[]>`
          WITH target AS (
            SELECT s.id FROM signature s JOIN person p ON p.id = s.person_id
            WHERE ${where}
            ORDER BY s.id LIMIT ${limit}
            FOR UPDATE OF s
          ),
          decided AS (
            SELECT x.id,
                   (c.require_confirmation AND x.confirmed_at IS NULL AND x.confirm_token_hash IS NOT NULL) AS awaits
            FROM target JOIN signature x ON x.id = target.id JOIN campaign c ON c.id = x.campaign_id
          )
          UPDATE signature u SET
            status = CASE WHEN d.awaits THEN 'pending'::"SignatureStatus" ELSE 'confirmed'::"SignatureStatus" END,
            confirmed_at = CASE WHEN d.awaits THEN u.confirmed_at ELSE coalesce(u.confirmed_at, now()) END,
            status_changed_at = now(),
            seq = NULL
          FROM decided d WHERE u.id = d.id
          RETURNING u.id, u.campaign_id, u.person_id, u.status::text AS status`
      : await tx.$queryRaw<Row[]>`
          WITH target AS (
            SELECT s.id FROM signature s JOIN person p ON p.id = s.person_id
            WHERE ${where}
            ORDER BY s.id LIMIT ${limit}
            FOR UPDATE OF s
          )
          UPDATE signature u SET status = 'fraudulent', status_changed_at = now()
          FROM target WHERE u.id = target.id
          RETURNING u.id, u.campaign_id, u.person_id, u.status::text AS status`;

  const counted = rows.filter((r) => r.status === 'confirmed');
  const perCampaign = new Map<number, number>();
  for (const r of counted) perCampaign.set(r.campaign_id, (perCampaign.get(r.campaign_id) ?? 0) + 1);
  // Campaigns in id order: two decisions spanning the same campaigns take the shard rows in one order.
  for (const [campaignId, n] of [...perCampaign].sort((a, b) => a[0] - b[0])) {
    await tx.$executeRaw`
      INSERT INTO campaign_counter (campaign_id, shard, count) VALUES (${campaignId}, ${randomShard()}, ${n})
      ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count`;
  }
  await recordWebhookEvents(
    tx,
    counted.map((r) => ({
      type: 'signature.created' as const,
      campaignId: r.campaign_id,
      signatureId: r.id,
      personId: r.person_id,
      data: { via: 'review' },
    })),
  );
  return { changed: rows.length, counted: counted.length, awaiting: rows.filter((r) => r.status === 'pending').length };
}
