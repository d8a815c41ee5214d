import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Revokes an event sign-up link of a campaign at once: signatures through it from now on follow
 * the normal rules (per-IP limits included); those already made keep their event tag and counts.
 * One conditional UPDATE, so two clicks revoke once; audited as `event.revoke`.
 */
export async function revokeCampaignEvent(db: Db, actor: StaffActor, input: { campaignId: number; eventId: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaignEvent.updateMany({
      where: { id: input.eventId, campaignId: input.campaignId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count !== 1) {
      const exists = await tx.campaignEvent.findFirst({ where: { id: input.eventId, campaignId: input.campaignId }, select: { id: true } });
      if (!exists) throw new AppError('not_found', 'No such event link.');
      throw new AppError('conflict', 'This event link is already revoked.');
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'event.revoke',
      entityType: 'campaign_event',
      entityId: input.eventId,
      data: { campaignId: input.campaignId },
    });
  });
}
