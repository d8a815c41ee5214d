import type { Db, DeliveryModel as Delivery, DeliveryTrigger, Prisma } from '@undersigned/db';
import { lockCampaignDeliveries } from './advisory-lock';
import { assignSignatureSequence } from './assign-signature-sequence';
import { CONSTITUENT_SQL_EXPRESSION, jurisdictionCodes } from './constituent-filter';
import { Prisma as P } from '@undersigned/db';

export interface ClaimDeliveryRangeInput {
  campaignId: number;
  targetId: number;
  trigger: DeliveryTrigger;
  milestone?: number | null;
  requestedById?: string | null;
  /**
   * For scheduled digests: do nothing if the pair already got a digest created at or after this
   * time. Checked under the lock, so concurrent planners cannot both send one digest.
   */
  digestDueAt?: Date;
}

export const NO_TARGET_EMAIL = 'The target has no email address; add one and retry this delivery.';

interface RangeFacts {
  from_seq: bigint;
  to_seq: bigint;
  in_range: number;
  total: number;
  constituents: number;
}

/**
 * Creates a delivery for one (campaign, target) and claims its range in one transaction
 * (docs/DESIGN.md invariant 5): under the per-campaign delivery lock it assigns sequence numbers to
 * newly counted signatures, starts the range where the pair's previous delivery ended, ends it
 * at the highest number assigned, counts what the target gets (after the constituent filter)
 * and inserts the row. The exclusion constraint `delivery_ranges_disjoint` backs this up.
 *
 * Returns null when the pair has nothing new to deliver. A target without an email address
 * gets its delivery created as `failed` with a clear reason (never sent, never retried by itself).
 */
export async function claimDeliveryRange(db: Db, input: ClaimDeliveryRangeInput): Promise<Delivery | null> {
  // Number a backlog first, in batches of its own; the claim then only numbers what committed since.
  await assignSignatureSequence(db, { campaignId: input.campaignId });
  return db.$transaction((tx) => claimInTransaction(tx, input), { timeout: 60_000 });
}

export async function claimInTransaction(
  tx: Prisma.TransactionClient,
  input: ClaimDeliveryRangeInput,
): Promise<Delivery | null> {
  await lockCampaignDeliveries(tx, input.campaignId);
  await assignSignatureSequence(tx, { campaignId: input.campaignId });

  const pair = await tx.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: input.campaignId, targetId: input.targetId } },
    select: { constituentsOnly: true, target: { select: { email: true, postalCodes: true } } },
  });
  if (!pair) return null;
  // Decisions taken before the lock are re-checked under it: a concurrent planner may have
  // delivered this milestone (or this digest) a moment ago.
  if (input.trigger === 'milestone' && input.milestone) {
    const done = await tx.delivery.count({
      where: { campaignId: input.campaignId, targetId: input.targetId, trigger: 'milestone', milestone: { gte: input.milestone } },
    });
    if (done > 0) return null;
  }
  if (input.trigger === 'schedule' && input.digestDueAt) {
    const done = await tx.delivery.count({
      where: { campaignId: input.campaignId, targetId: input.targetId, trigger: 'schedule', createdAt: { gte: input.digestDueAt } },
    });
    if (done > 0) return null;
  }
  const codes = jurisdictionCodes({ constituentsOnly: pair.constituentsOnly, postalCodes: pair.target.postalCodes });

  const [facts] = await tx.$queryRaw<RangeFacts[]>`
    WITH prev AS (
      SELECT coalesce(max(to_seq), 0)::bigint AS from_seq FROM delivery
      WHERE campaign_id = ${input.campaignId} AND target_id = ${input.targetId}
    ),
    top AS (
      SELECT coalesce(max(seq), 0)::bigint AS max_seq FROM signature WHERE campaign_id = ${input.campaignId}
    )
    SELECT prev.from_seq,
           greatest(top.max_seq, prev.from_seq) AS to_seq,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed'
               AND s.seq > prev.from_seq AND s.seq <= top.max_seq
               AND (NOT ${pair.constituentsOnly} OR ${P.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[])))::int AS in_range,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed')::int AS total,
           (SELECT count(*) FROM signature s
             WHERE s.campaign_id = ${input.campaignId} AND s.status = 'confirmed'
               AND ${P.raw(CONSTITUENT_SQL_EXPRESSION)} = ANY(${codes}::text[]))::int AS constituents
    FROM prev, top`;
  if (!facts || facts.in_range === 0) return null;

  const hasEmail = Boolean(pair.target.email?.trim());
  return tx.delivery.create({
    data: {
      campaignId: input.campaignId,
      targetId: input.targetId,
      trigger: input.trigger,
      milestone: input.milestone ?? null,
      fromSeq: facts.from_seq,
      toSeq: facts.to_seq,
      signatureCount: facts.in_range,
      totalCount: facts.total,
      constituentCount: pair.constituentsOnly ? facts.constituents : null,
      requestedById: input.requestedById ?? null,
      ...(hasEmail ? {} : { status: 'failed' as const, lastError: NO_TARGET_EMAIL }),
    },
  });
}
