'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { attachTarget, createTarget, detachTarget, updateDeliveryPolicy, updateTarget } from '@undersigned/core';
import { staffAction } from '@/server/staff-action';

const UNREADABLE = { ok: false, message: 'The form could not be read.' };

const targetForm = z.object({
  id: z.coerce.number().int().positive().optional(),
  title: z.string().max(1000),
  givenName: z.string().max(1000).optional(),
  familyName: z.string().max(1000).optional(),
  organization: z.string().max(1000).optional(),
  email: z.string().max(1000).optional(),
  ocdDivisionId: z.string().max(1000).optional(),
  postalCodes: z.string().max(100_000).optional(),
  timeZone: z.string().max(100).optional(),
  returnTo: z
    .string()
    .regex(/^\/campaigns\/\d+\/targets$/)
    .optional(),
});

/** Creates or updates a target; from a campaign's Targets tab (`returnTo`) also attaches it there. */
export const saveTargetAction = staffAction(
  'target.edit',
  targetForm,
  async ({ id, returnTo, ...input }, { actor, db }) => {
    let savedId: number;
    if (id) {
      await updateTarget(db, actor, id, input);
      savedId = id;
    } else {
      savedId = (await createTarget(db, actor, input)).id;
    }
    revalidatePath('/targets');
    if (returnTo) {
      await attachTarget(db, actor, { campaignId: Number(returnTo.split('/')[2]), targetId: savedId });
      redirect(returnTo);
    }
    redirect(`/targets?saved=${savedId}`);
  },
  { invalid: UNREADABLE },
);

const pairForm = z.object({ campaignId: z.coerce.number().int().positive(), targetId: z.coerce.number().int().positive() });

export const attachTargetAction = staffAction(
  'target.edit',
  pairForm,
  async (pair, { actor, db }) => {
    await attachTarget(db, actor, pair);
    revalidatePath(`/campaigns/${pair.campaignId}`, 'layout');
    return { ok: true, message: 'Target attached.' };
  },
  { invalid: { ok: false, message: 'Choose a target.' } },
);

export const detachTargetAction = staffAction('target.edit', pairForm, async (pair, { actor, db }) => {
  await detachTarget(db, actor, pair);
  revalidatePath(`/campaigns/${pair.campaignId}`, 'layout');
  return { ok: true, message: 'Target detached.' };
});

const policyForm = pairForm.extend({
  // Blank: no milestones of its own (the goal still counts as one).
  milestones: z.string().max(1000).optional(),
  scheduleCadence: z.enum(['none', 'daily', 'weekly']),
  scheduleTime: z.string().max(5).optional(),
  scheduleWeekday: z.string().max(1).optional(),
  constituentsOnly: z.literal('on').optional(),
  manualEnabled: z.literal('on').optional(),
});

export const savePolicyAction = staffAction(
  'target.edit',
  policyForm,
  async (p, { actor, db }) => {
    await updateDeliveryPolicy(
      db,
      actor,
      { campaignId: p.campaignId, targetId: p.targetId },
      {
        milestones: p.milestones ?? '',
        scheduleCadence: p.scheduleCadence,
        scheduleTime: p.scheduleTime,
        scheduleWeekday: p.scheduleWeekday === undefined ? undefined : Number(p.scheduleWeekday),
        constituentsOnly: p.constituentsOnly === 'on',
        manualEnabled: p.manualEnabled === 'on',
      },
    );
    revalidatePath(`/campaigns/${p.campaignId}/targets`);
    return { ok: true, message: 'Delivery policy saved.' };
  },
  { invalid: UNREADABLE },
);
