import { z } from 'zod';
import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';

export const updateCapSchema = z.object({
  count: z.coerce.number().int('invalid_cap_count').min(0, 'invalid_cap_count').max(100, 'invalid_cap_count'),
  days: z.coerce.number().int('invalid_cap_days').min(1, 'invalid_cap_days').max(365, 'invalid_cap_days'),
});

/**
 * Admins change a campaign's cap on updates (default 3 per 7 days; 0 stops all sends). Audited
 * (`campaign.update-cap`, old and new values).
 */
export async function setUpdateCap(db: Db, actor: StaffActor, input: { campaignId: number; count: unknown; days: unknown }): Promise<void> {
  if (!can(actor, 'update.cap')) throw new AppError('forbidden', 'Only admins can change the cap on updates.');
  const parsed = updateCapSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join('.')] ??= issue.code === 'invalid_type' ? 'required' : issue.message;
    throw new AppError('validation', 'Some fields need attention.', fields);
  }
  await db.$transaction(async (tx) => {
    const current = await tx.campaign.findUnique({ where: { id: input.campaignId }, select: { updateCapCount: true, updateCapDays: true } });
    if (!current) throw new AppError('not_found', 'No such campaign.');
    await tx.campaign.update({ where: { id: input.campaignId }, data: { updateCapCount: parsed.data.count, updateCapDays: parsed.data.days } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.update-cap',
      entityType: 'campaign',
      entityId: input.campaignId,
      data: { from: { count: current.updateCapCount, days: current.updateCapDays }, to: parsed.data },
    });
  });
}
