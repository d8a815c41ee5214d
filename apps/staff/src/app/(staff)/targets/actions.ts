'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { attachTarget, createTarget, detachTarget, updateDeliveryPolicy, updateTarget } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';

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
  returnTo: z.string().regex(/^\/campaigns\/\d+\/targets$/).optional(),
});

export async function saveTargetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('target.edit');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = targetForm.safeParse(Object.fromEntries([...formData].filter(([, v]) => v !== '')));
  if (!parsed.success) return { ok: false, message: 'The form could not be read.' };
  const { id, returnTo, ...input } = parsed.data;
  let savedId = id;
  try {
    if (id) await updateTarget(getDb(), actor, id, input);
    else savedId = (await createTarget(getDb(), actor, input)).id;
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/targets');
  if (returnTo && savedId) {
    const campaignId = Number(returnTo.split('/')[2]);
    try {
      await attachTarget(getDb(), actor, { campaignId, targetId: savedId });
    } catch (error) {
      return toActionState(error);
    }
    redirect(returnTo);
  }
  redirect(`/targets?saved=${savedId}`);
}

const pairForm = z.object({ campaignId: z.coerce.number().int().positive(), targetId: z.coerce.number().int().positive() });

export async function attachTargetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('target.edit');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = pairForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: 'Choose a target.' };
  try {
    await attachTarget(getDb(), actor, parsed.data);
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${parsed.data.campaignId}`, 'layout');
  return { ok: true, message: 'Target attached.' };
}

export async function detachTargetAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('target.edit');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = pairForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  try {
    await detachTarget(getDb(), actor, parsed.data);
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${parsed.data.campaignId}`, 'layout');
  return { ok: true, message: 'Target detached.' };
}

const policyForm = pairForm.extend({
  milestones: z.string().max(1000),
  scheduleCadence: z.enum(['none', 'daily', 'weekly']),
  scheduleTime: z.string().max(5).optional(),
  scheduleWeekday: z.string().max(1).optional(),
  constituentsOnly: z.literal('on').optional(),
  manualEnabled: z.literal('on').optional(),
});

export async function savePolicyAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('target.edit');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = policyForm.safeParse(Object.fromEntries([...formData].filter(([, v]) => v !== '')));
  if (!parsed.success) return { ok: false, message: 'The form could not be read.' };
  const p = parsed.data;
  try {
    await updateDeliveryPolicy(getDb(), actor, { campaignId: p.campaignId, targetId: p.targetId }, {
      milestones: p.milestones ?? '',
      scheduleCadence: p.scheduleCadence,
      scheduleTime: p.scheduleTime,
      scheduleWeekday: p.scheduleWeekday === undefined ? undefined : Number(p.scheduleWeekday),
      constituentsOnly: p.constituentsOnly === 'on',
      manualEnabled: p.manualEnabled === 'on',
    });
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${p.campaignId}/targets`);
  return { ok: true, message: 'Delivery policy saved.' };
}
