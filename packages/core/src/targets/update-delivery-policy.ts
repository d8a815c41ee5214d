import { z } from 'zod';
import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';

export const deliveryPolicyInputSchema = z
  .object({
    /** Comma/space separated totals, e.g. "100, 1000, 10000". */
    milestones: z
      .union([z.string(), z.array(z.number())])
      .transform((v) =>
        Array.isArray(v)
          ? v
          : v
              .split(/[\s,;]+/)
              .filter(Boolean)
              .map((x) => Number(x.replace(/_/g, ''))),
      )
      .pipe(z.array(z.number().int('invalid_milestones').min(1, 'invalid_milestones').max(100_000_000)).max(30))
      .transform((list) => [...new Set(list)].sort((a, b) => a - b)),
    scheduleCadence: z.enum(['none', 'daily', 'weekly']).default('none'),
    scheduleTime: z.union([z.literal(''), z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'invalid_time')]).optional(),
    scheduleWeekday: z.coerce.number().int().min(0).max(6).optional(),
    constituentsOnly: z.boolean().default(false),
    manualEnabled: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.scheduleCadence !== 'none' && !v.scheduleTime) {
      ctx.addIssue({ code: 'custom', path: ['scheduleTime'], message: 'required' });
    }
    if (v.scheduleCadence === 'weekly' && v.scheduleWeekday === undefined) {
      ctx.addIssue({ code: 'custom', path: ['scheduleWeekday'], message: 'required' });
    }
  });

export type DeliveryPolicyInput = z.input<typeof deliveryPolicyInputSchema>;

/**
 * Saves the delivery policy of one (campaign, target) pair: milestones, digest schedule
 * (cadence + local time in the target's time zone + weekday), constituents-only, manual; audited.
 */
export async function updateDeliveryPolicy(
  db: Db,
  actor: StaffActor,
  key: { campaignId: number; targetId: number },
  input: DeliveryPolicyInput,
): Promise<void> {
  const parsed = deliveryPolicyInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
    throw new AppError('validation', 'Some fields need attention.', fields);
  }
  const p = parsed.data;
  const cadence = p.scheduleCadence === 'none' ? null : p.scheduleCadence;
  const data = {
    milestones: p.milestones,
    scheduleCadence: cadence,
    scheduleTime: cadence ? p.scheduleTime! : null,
    scheduleWeekday: cadence === 'weekly' ? p.scheduleWeekday! : null,
    constituentsOnly: p.constituentsOnly,
    manualEnabled: p.manualEnabled,
  };
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaignTarget.updateMany({ where: key, data });
    if (count === 0) throw new AppError('not_found', 'That target is not attached to this campaign.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'campaign.delivery_policy',
      entityType: 'campaign',
      entityId: key.campaignId,
      data: { targetId: key.targetId, ...data },
    });
  });
}
