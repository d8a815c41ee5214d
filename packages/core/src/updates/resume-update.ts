import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Resumes a paused update: back to `planning` if its recipients were not all planned yet
 * (plannedAt null), else `sending`, with a new run starting now. Returns the new status so the
 * caller enqueues the matching job (enqueueUpdatePlan / enqueueUpdateSend; the reconciler does it
 * if Redis is down). Audited (`update.resume`).
 */
export async function resumeUpdate(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; updateId: string },
): Promise<{ status: 'planning' | 'sending' }> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot resume updates.');
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ status: 'planning' | 'sending' }[]>`
      UPDATE campaign_update
         SET status = (CASE WHEN planned_at IS NULL THEN 'planning' ELSE 'sending' END)::"UpdateStatus",
             run_started_at = now(), updated_at = now()
       WHERE id = ${input.updateId}::uuid AND campaign_id = ${input.campaignId} AND status = 'paused'
      RETURNING status::text AS status`;
    const row = rows[0];
    if (!row) {
      const u = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId }, select: { status: true } });
      if (!u) throw new AppError('not_found', 'No such update.');
      throw new AppError('conflict', `This update is ${u.status}: only a paused update can be resumed.`);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.resume',
      entityType: 'campaign_update',
      entityId: input.updateId,
      data: { campaignId: input.campaignId, status: row.status },
    });
    return { status: row.status };
  });
}
