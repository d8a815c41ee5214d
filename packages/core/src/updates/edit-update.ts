import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseUpdateContent, updateLocales, type UpdateContentInput } from './update-input';

/**
 * Saves a draft's text. Only drafts are editable: once Send is pressed, what recipients get is
 * fixed (AppError `conflict`). The status check and the write are one conditional UPDATE.
 * Audited (`update.edit`).
 */
export async function editUpdate(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; updateId: string; content: UpdateContentInput },
): Promise<void> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot edit updates.');
  const content = parseUpdateContent(input.content);
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaignUpdate.updateMany({
      where: { id: input.updateId, campaignId: input.campaignId, status: 'draft' },
      data: content,
    });
    if (count !== 1) {
      const exists = await tx.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId }, select: { status: true } });
      if (!exists) throw new AppError('not_found', 'No such update.');
      throw new AppError('conflict', `This update is ${exists.status}: only drafts can be edited.`);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.edit',
      entityType: 'campaign_update',
      entityId: input.updateId,
      data: { campaignId: input.campaignId, locales: updateLocales(content) },
    });
  });
}
