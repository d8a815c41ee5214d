import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Deletes a draft update. An update that was sent (or is sending) stays on record: cancel it
 * instead (AppError `conflict`). Audited (`update.delete`).
 */
export async function deleteUpdate(db: Db, actor: StaffActor, input: { campaignId: number; updateId: string }): Promise<void> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot delete updates.');
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaignUpdate.deleteMany({ where: { id: input.updateId, campaignId: input.campaignId, status: 'draft' } });
    if (count !== 1) {
      const exists = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId }, select: { status: true } });
      if (!exists) throw new AppError('not_found', 'No such update.');
      throw new AppError('conflict', `This update is ${exists.status}: only drafts can be deleted (cancel it instead).`);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.delete',
      entityType: 'campaign_update',
      entityId: input.updateId,
      data: { campaignId: input.campaignId },
    });
  });
}
