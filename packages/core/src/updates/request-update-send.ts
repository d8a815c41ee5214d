import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { getUpdateCapStatus } from './get-update-cap-status';
import { updateLocales } from './update-input';

/**
 * Staff press Send: a draft becomes `planning` (the worker then writes recipient rows in bounded
 * chunks and sends). Refused (AppError `conflict`, nothing changes) when the campaign is a draft,
 * the update has no complete language, or the campaign's cap is reached (sends started in the
 * last updateCapDays days ≥ updateCapCount; the message names the cap and when the next send is
 * possible). The campaign row is locked for the check, so two sends at once cannot both pass the
 * cap. Audited (`update.send`). The caller then enqueues the plan job (enqueueUpdatePlan); if
 * Redis is down, the worker's reconciler finds the `planning` row in Postgres.
 */
export async function requestUpdateSend(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; updateId: string },
  now = new Date(),
): Promise<{ status: 'planning' }> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot send updates.');
  return db.$transaction(async (tx) => {
    const [campaign] = await tx.$queryRaw<
      { status: string }[]
    >`SELECT status::text AS status FROM campaign WHERE id = ${input.campaignId} FOR UPDATE`;
    if (!campaign) throw new AppError('not_found', 'No such campaign.');
    const update = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId } });
    if (!update) throw new AppError('not_found', 'No such update.');
    if (update.status !== 'draft') throw new AppError('conflict', `This update is already ${update.status}.`);
    if (campaign.status === 'draft') throw new AppError('conflict', 'Publish the campaign before sending updates to its signers.');
    const locales = updateLocales(update);
    if (locales.length === 0) throw new AppError('conflict', 'Write a subject and a body in at least one language first.');
    const cap = (await getUpdateCapStatus(tx, input.campaignId, now))!;
    if (!cap.allowed) {
      const when = cap.nextPossibleAt
        ? ` The next send is possible from ${cap.nextPossibleAt.toISOString().slice(0, 16).replace('T', ' ')} UTC.`
        : '';
      throw new AppError(
        'conflict',
        `This campaign has reached its cap of ${cap.count} update${cap.count === 1 ? '' : 's'} per ${cap.days} day${cap.days === 1 ? '' : 's'} (${cap.used} sent).${when}`,
      );
    }
    const { count } = await tx.campaignUpdate.updateMany({
      where: { id: update.id, status: 'draft' },
      data: { status: 'planning', sendRequestedAt: now, sendRequestedById: actor.id },
    });
    if (count !== 1) throw new AppError('conflict', 'Someone else changed this update; reload and try again.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.send',
      entityType: 'campaign_update',
      entityId: update.id,
      data: { campaignId: input.campaignId, locales, capUsedBefore: cap.used, capCount: cap.count, capDays: cap.days },
    });
    return { status: 'planning' as const };
  });
}
