'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { erasePerson, moderateSignatures } from '@undersigned/core';
import { repeated, staffAction } from '@/server/staff-action';

const moderationForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  status: z.enum(['fraudulent', 'invalidated']),
  expected: z.coerce.number().int().min(0).optional(),
  // The ticked rows' checkboxes, or none for a bulk selection by IP hash, domain or time window.
  ids: repeated(z.array(z.string().regex(/^\d{1,19}$/)).max(1000)).optional(),
  ipHash: z.string().max(64).optional(),
  emailDomain: z.string().max(255).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  reason: z.string().max(500).optional(),
});

export const moderateAction = staffAction('signature.moderate', moderationForm, async (form, { actor, db }) => {
  const { campaignId, status, expected, reason, ids, ipHash, emailDomain, from, to } = form;
  const { changed } = await moderateSignatures(db, actor, {
    selection: {
      campaignId,
      ids,
      ipHash,
      emailDomain,
      from: from ? new Date(from) : undefined,
      to: to ? new Date(to) : undefined,
    },
    status,
    expected,
    reason,
  });
  revalidatePath(`/campaigns/${campaignId}`, 'layout');
  redirect(`/campaigns/${campaignId}/signatures?moderated=${changed}&as=${status}`);
});

const eraseForm = z.object({
  campaignId: z.coerce.number().int().positive(),
  personId: z.coerce.number().int().positive(),
  reason: z.string().max(500).optional(),
});

export const eraseAction = staffAction('person.erase', eraseForm, async ({ campaignId, personId, reason }, { actor, db }) => {
  const { signatures } = await erasePerson(db, actor, { personId, reason });
  revalidatePath('/campaigns', 'layout');
  redirect(`/campaigns/${campaignId}/signatures?erased=${signatures}`);
});
