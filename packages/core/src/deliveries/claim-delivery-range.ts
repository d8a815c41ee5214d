import type { Db, DeliveryModel as Delivery, DeliveryTrigger, Prisma } from '@undersigned/db';
import { lockCampaignDeliveries } from './advisory-lock';
import { assignSignatureSequence } from './assign-signature-sequence';
import { readDeliveryRangeFacts } from './read-delivery-range-facts';

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

export async function claimInTransaction(tx: Prisma.TransactionClient, input: ClaimDeliveryRangeInput): Promise<Delivery | null> {
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
  const facts = await readDeliveryRangeFacts(tx, {
    campaignId: input.campaignId,
    targetId: input.targetId,
    constituentsOnly: pair.constituentsOnly,
    postalCodes: pair.target.postalCodes,
  });
  if (facts.signatureCount === 0) return null;

  const hasEmail = Boolean(pair.target.email?.trim());
  return tx.delivery.create({
    data: {
      campaignId: input.campaignId,
      targetId: input.targetId,
      trigger: input.trigger,
      milestone: input.milestone ?? null,
      ...facts,
      requestedById: input.requestedById ?? null,
      ...(hasEmail ? {} : { status: 'failed' as const, lastError: NO_TARGET_EMAIL }),
    },
  });
}
