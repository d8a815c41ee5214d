import type { Db, DeliveryModel } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';
import { claimInTransaction } from './claim-delivery-range';

export interface DeliverNowInput {
  campaignId: number;
  targetId: number;
  /** The staff user who pressed "deliver now" (audited, shown on the delivery). */
  requestedById: string;
}

/**
 * Staff's "deliver now": creates a manual delivery of everything the target has not received
 * yet (one transaction with its range claim and the audit entry). The caller enqueues it
 * (enqueueDelivery); if that fails the worker's reconciler picks it up from Postgres.
 * Errors: not_found (no such pair), forbidden (manual delivery disabled for the pair),
 * conflict (draft campaign, or nothing new to deliver).
 */
export async function deliverNow(db: Db, input: DeliverNowInput): Promise<DeliveryModel> {
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: input.campaignId, targetId: input.targetId } },
    select: { manualEnabled: true, campaign: { select: { status: true } } },
  });
  if (!pair) throw new AppError('not_found', 'This target is not part of this campaign.');
  if (!pair.manualEnabled) throw new AppError('forbidden', 'Manual delivery is turned off for this target.');
  if (pair.campaign.status === 'draft') throw new AppError('conflict', 'A draft campaign has nothing to deliver.');
  return db.$transaction(
    async (tx) => {
      const delivery = await claimInTransaction(tx, {
        campaignId: input.campaignId,
        targetId: input.targetId,
        trigger: 'manual',
        requestedById: input.requestedById,
      });
      if (!delivery) throw new AppError('conflict', 'Nothing new to deliver: every counted signature has been delivered to this target.');
      await recordAudit(tx, {
        actorId: input.requestedById,
        action: 'delivery.trigger',
        entityType: 'delivery',
        entityId: delivery.id,
        data: { campaignId: input.campaignId, targetId: input.targetId, signatureCount: delivery.signatureCount },
      });
      return delivery;
    },
    { timeout: 60_000 },
  );
}
