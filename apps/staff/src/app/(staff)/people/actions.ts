'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { erasePerson } from '@undersigned/core';
import { staffAction } from '@/server/staff-action';

const eraseForm = z.object({ personId: z.coerce.number().int().positive(), reason: z.string().max(500).optional() });

export const erasePersonAction = staffAction('person.erase', eraseForm, async (input, { actor, db }) => {
  const { signatures } = await erasePerson(db, actor, input);
  revalidatePath('/campaigns', 'layout');
  redirect(`/people?erased=${signatures}`);
});
