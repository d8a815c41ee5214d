import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseUpdateContent, updateLocales, type UpdateContentInput } from './update-input';

/**
 * Saves a new update to a campaign's signers as a draft (editable, previewable, test-sendable
 * until Send). `responseId` links it to the response it announces (from "Write an update about
 * this"). Validated (AppError `validation`, nothing written) and audited (`update.create`).
 */
export async function createUpdate(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; responseId?: number | null; content: UpdateContentInput },
): Promise<{ id: string }> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot write updates.');
  const content = parseUpdateContent(input.content);
  const campaign = await db.campaign.findUnique({ where: { id: input.campaignId }, select: { id: true } });
  if (!campaign) throw new AppError('not_found', 'No such campaign.');
  const responseId =
    input.responseId != null
      ? ((await db.targetResponse.findFirst({ where: { id: input.responseId, campaignId: input.campaignId }, select: { id: true } }))?.id ?? null)
      : null;
  return db.$transaction(async (tx) => {
    const row = await tx.campaignUpdate.create({
      data: { campaignId: input.campaignId, ...content, responseId, createdById: actor.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'update.create',
      entityType: 'campaign_update',
      entityId: row.id,
      data: { campaignId: input.campaignId, locales: updateLocales(content), responseId },
    });
    return row;
  });
}
