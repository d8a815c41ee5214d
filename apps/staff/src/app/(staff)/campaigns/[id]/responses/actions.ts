'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { deleteResponse, recordResponse, updateResponse } from '@undersigned/core';
import { recordIdSchema } from '@/server/record-id';
import { staffAction } from '@/server/staff-action';

// Field shapes only: recordResponse / updateResponse validate the values themselves (field errors).
const responseForm = z.object({
  campaignId: recordIdSchema,
  responseId: recordIdSchema.optional(),
  targetId: z.string().max(20).optional(),
  respondedOn: z.string().max(40).optional(),
  stance: z.string().max(40).optional(),
  textEn: z.string().max(100_000).optional(),
  textEs: z.string().max(100_000).optional(),
  url: z.string().max(5000).optional(),
});

/** Records a target's response (or saves an edit), then shows it with "Write an update about this". */
export const saveResponseAction = staffAction('response.edit', responseForm, async ({ campaignId, responseId, ...fields }, { actor, db }) => {
  const input = { campaignId, ...fields };
  const row = responseId ? await updateResponse(db, actor, responseId, input) : await recordResponse(db, actor, input);
  revalidatePath(`/campaigns/${campaignId}/responses`);
  redirect(`/campaigns/${campaignId}/responses?${responseId ? 'saved' : 'recorded'}=${row.id}`);
});

const deleteForm = z.object({ campaignId: recordIdSchema, responseId: recordIdSchema });

export const deleteResponseAction = staffAction('response.edit', deleteForm, async (input, { actor, db }) => {
  await deleteResponse(db, actor, input);
  revalidatePath(`/campaigns/${input.campaignId}/responses`);
  return { ok: true, message: 'Response removed.' };
});
