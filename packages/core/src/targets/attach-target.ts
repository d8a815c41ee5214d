import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

/** Attaches a directory target to a campaign with the default delivery policy; audited. */
export async function attachTarget(db: Db, actor: StaffActor, input: { campaignId: number; targetId: number }): Promise<void> {
  await db.$transaction(async (tx) => {
    const [campaign, target] = await Promise.all([
      tx.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true } }),
      tx.target.findUnique({ where: { id: input.targetId }, select: { id: true } }),
    ]);
    if (!campaign || !target) throw new AppError('not_found', 'No such campaign or target.');
    const last = await tx.campaignTarget.aggregate({ where: { campaignId: input.campaignId }, _max: { position: true } });
    const created = await tx.campaignTarget.createMany({
      data: [{ campaignId: input.campaignId, targetId: input.targetId, position: (last._max.position ?? -1) + 1 }],
      skipDuplicates: true,
    });
    if (created.count === 0) throw new AppError('conflict', 'That target is already attached.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.target_attach',
      entityType: 'campaign',
      entityId: input.campaignId,
      data: { targetId: input.targetId },
    });
  });
}
