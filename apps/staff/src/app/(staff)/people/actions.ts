'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { erasePerson } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';

const form = z.object({ personId: z.coerce.number().int().positive(), reason: z.string().max(500).optional() });

export async function erasePersonAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('person.erase');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = form.safeParse(Object.fromEntries([...formData].filter(([, v]) => v !== '')));
  if (!parsed.success) return INVALID_REQUEST;
  let erased = 0;
  try {
    erased = (await erasePerson(getDb(), actor, parsed.data)).signatures;
  } catch (error) {
    return toActionState(error);
  }
  revalidatePath('/campaigns', 'layout');
  redirect(`/people?erased=${erased}`);
}
