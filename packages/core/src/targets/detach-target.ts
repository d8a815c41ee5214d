import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

/**
 * Detaches a target from a campaign. Refused once deliveries went to that target for this
 * campaign (the delivery log must keep its meaning); audited.
 */
export async function detachTarget(db: Db, actor: StaffActor, input: { campaignId: number; targetId: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const delivered = await tx.delivery.count({ where: { campaignId: input.campaignId, targetId: input.targetId } });
    if (delivered > 0) throw new AppError('conflict', 'This target already received deliveries for this campaign.');
    const { count } = await tx.campaignTarget.deleteMany({ where: input });
    if (count === 0) throw new AppError('not_found', 'That target is not attached.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.target_detach',
      entityType: 'campaign',
      entityId: input.campaignId,
      data: { targetId: input.targetId },
    });
  });
}
