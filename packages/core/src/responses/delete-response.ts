import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

/**
 * Removes a recorded response from the campaign (and so from the public page). Updates that
 * announced it keep their text (their link to it is cleared). Audited (`response.delete`, ids only).
 */
export async function deleteResponse(db: Db, actor: StaffActor, input: { campaignId: number; responseId: number }): Promise<void> {
  if (!can(actor, 'response.edit')) throw new AppError('forbidden', 'Your role cannot remove responses.');
  await db.$transaction(async (tx) => {
    const { count } = await tx.targetResponse.deleteMany({ where: { id: input.responseId, campaignId: input.campaignId } });
    if (count !== 1) throw new AppError('not_found', 'No such response.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'response.delete',
      entityType: 'target_response',
      entityId: input.responseId,
      data: { campaignId: input.campaignId },
    });
  });
}
