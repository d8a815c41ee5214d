import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Pauses an update that is planning or sending: workers stop claiming recipients (a batch
 * already handed to SMTP finishes). The current run's time is added to activeSeconds (so the
 * rate and ETA leave the pause out). Audited (`update.pause`).
 */
export async function pauseUpdate(db: Db, actor: StaffActor, input: { campaignId: number; updateId: string }): Promise<void> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot pause updates.');
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE campaign_update
         SET status = 'paused',
             active_seconds = active_seconds + coalesce(greatest(0, extract(epoch FROM now() - run_started_at))::int, 0),
             run_started_at = NULL, updated_at = now()
       WHERE id = ${input.updateId}::uuid AND campaign_id = ${input.campaignId} AND status IN ('planning', 'sending')
      RETURNING id::text`;
    if (rows.length !== 1) await refuse(tx, input, 'paused (only planning or sending updates can be paused)');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.pause',
      entityType: 'campaign_update',
      entityId: input.updateId,
      data: { campaignId: input.campaignId },
    });
  });
}

async function refuse(tx: Pick<Db, 'campaignUpdate'>, input: { campaignId: number; updateId: string }, what: string): Promise<never> {
  const u = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId }, select: { status: true } });
  if (!u) throw new AppError('not_found', 'No such update.');
  throw new AppError('conflict', `This update is ${u.status}: it cannot be ${what}.`);
}
