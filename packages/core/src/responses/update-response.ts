import type { Db, TargetResponseModel } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseResponseInput, type ResponseInput } from './response-input';

/**
 * Edits a recorded response (date, target, stance, texts, link). The response stays in its
 * campaign; the target must be attached to it. Validated and audited (`response.edit`).
 */
export async function updateResponse(db: Db, actor: StaffActor, responseId: number, input: ResponseInput): Promise<TargetResponseModel> {
  if (!can(actor, 'response.edit')) throw new AppError('forbidden', 'Your role cannot edit responses.');
  const data = parseResponseInput(input);
  const current = await db.targetResponse.findUnique({ where: { id: responseId } });
  if (!current || current.campaignId !== data.campaignId) throw new AppError('not_found', 'No such response.');
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: data.campaignId, targetId: data.targetId } },
    select: { campaignId: true },
  });
  if (!pair) throw new AppError('validation', 'Choose a target of this campaign.', { targetId: 'required' });
  return db.$transaction(async (tx) => {
    const row = await tx.targetResponse.update({
      where: { id: responseId },
      data: {
        targetId: data.targetId,
        respondedOn: new Date(`${data.respondedOn}T00:00:00Z`),
        stance: data.stance,
        textEn: data.textEn,
        textEs: data.textEs,
        url: data.url,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'response.edit',
      entityType: 'target_response',
      entityId: responseId,
      data: { campaignId: data.campaignId, targetId: data.targetId, stance: data.stance },
    });
    return row;
  });
}
