'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { erasePerson, moderateSignatures } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';

const moderationForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  status: z.enum(['fraudulent', 'invalidated']),
  expected: z.coerce.number().int().min(0).optional(),
  ids: z.array(z.string().regex(/^\d{1,19}$/)).max(1000).optional(),
  ipHash: z.string().max(64).optional(),
  emailDomain: z.string().max(255).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  reason: z.string().max(500).optional(),
});

export async function moderateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('signature.moderate');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const fields = Object.fromEntries([...formData].filter(([k, v]) => k !== 'ids' && v !== ''));
  const ids = formData.getAll('ids').map(String);
  const parsed = moderationForm.safeParse({ ...fields, ids: ids.length ? ids : undefined });
  if (!parsed.success) return INVALID_REQUEST;
  const { campaignId, status, expected, reason, ...selection } = parsed.data;
  let changed = 0;
  try {
    const result = await moderateSignatures(getDb(), actor, {
      selection: {
        campaignId,
        ids: selection.ids,
        ipHash: selection.ipHash,
        emailDomain: selection.emailDomain,
        from: selection.from ? new Date(selection.from) : undefined,
        to: selection.to ? new Date(selection.to) : undefined,
      },
      status,
      expected,
      reason,
    });
    changed = result.changed;
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath(`/campaigns/${campaignId}`, 'layout');
  redirect(`/campaigns/${campaignId}/signatures?moderated=${changed}&as=${status}`);
}

const eraseForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  personId: z.coerce.number().int().positive(),
  reason: z.string().max(500).optional(),
});

export async function eraseAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('person.erase');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = eraseForm.safeParse(Object.fromEntries([...formData].filter(([, v]) => v !== '')));
  if (!parsed.success) return INVALID_REQUEST;
  let erased = 0;
  try {
    erased = (await erasePerson(getDb(), actor, { personId: parsed.data.personId, reason: parsed.data.reason })).signatures;
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/campaigns', 'layout');
  redirect(`/campaigns/${parsed.data.campaignId}/signatures?erased=${erased}`);
}
