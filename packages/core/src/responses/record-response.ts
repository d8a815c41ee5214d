import type { Db, TargetResponseModel } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseResponseInput, type ResponseInput } from './response-input';

/**
 * Records a target's response to a campaign (shown on the public page): the target must be
 * attached to the campaign. Validated (AppError `validation`, nothing written), audited
 * (`response.create`) in the same transaction.
 */
export async function recordResponse(db: Db, actor: StaffActor, input: ResponseInput): Promise<TargetResponseModel> {
  if (!can(actor, 'response.edit')) throw new AppError('forbidden', 'Your role cannot record responses.');
  const data = parseResponseInput(input);
  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: data.campaignId, targetId: data.targetId } },
    select: { campaignId: true },
  });
  if (!pair) throw new AppError('validation', 'Choose a target of this campaign.', { targetId: 'required' });
  return db.$transaction(async (tx) => {
    const row = await tx.targetResponse.create({
      data: {
        campaignId: data.campaignId,
        targetId: data.targetId,
        respondedOn: new Date(`${data.respondedOn}T00:00:00Z`),
        stance: data.stance,
        textEn: data.textEn,
        textEs: data.textEs,
        url: data.url,
        createdById: actor.id,
      },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'response.create',
      entityType: 'target_response',
      entityId: row.id,
      data: { campaignId: data.campaignId, targetId: data.targetId, stance: data.stance, locales: locales(data) },
    });
    return row;
  });
}

function locales(d: { textEn: string | null; textEs: string | null }): string[] {
  return [...(d.textEn ? ['en'] : []), ...(d.textEs ? ['es'] : [])];
}
