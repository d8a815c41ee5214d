import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Cancels an update that is planning, sending or paused: nobody not yet sent to will be (the
 * worker marks the remaining pending recipients `cancelled` in bounded chunks; a batch already
 * handed to SMTP finishes). A draft is deleted instead (deleteUpdate). Audited (`update.cancel`).
 */
export async function cancelUpdate(db: Db, actor: StaffActor, input: { campaignId: number; updateId: string }): Promise<void> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot cancel updates.');
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE campaign_update
         SET status = 'cancelled', finished_at = now(),
             active_seconds = active_seconds + coalesce(greatest(0, extract(epoch FROM now() - run_started_at))::int, 0),
             run_started_at = NULL, updated_at = now()
       WHERE id = ${input.updateId}::uuid AND campaign_id = ${input.campaignId} AND status IN ('planning', 'sending', 'paused')
      RETURNING id::text`;
    if (rows.length !== 1) {
      const u = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId }, select: { status: true } });
      if (!u) throw new AppError('not_found', 'No such update.');
      throw new AppError(
        'conflict',
        u.status === 'draft' ? 'A draft has not been sent: delete it instead.' : `This update is ${u.status}: it cannot be cancelled.`,
      );
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.cancel',
      entityType: 'campaign_update',
      entityId: input.updateId,
      data: { campaignId: input.campaignId },
    });
  });
}
