'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { createCampaignEvent, revokeCampaignEvent } from '@undersigned/core';
import { staffEnv } from '@/server/env';
import { recordIdSchema } from '@/server/record-id';
import { staffAction } from '@/server/staff-action';

function revalidate(campaignId: number) {
  revalidatePath(`/campaigns/${campaignId}/events`);
  revalidatePath(`/campaigns/${campaignId}`);
}

// Field shapes only: createCampaignEvent validates the values (field errors the form shows).
const createForm = z.object({
  campaignId: recordIdSchema,
  name: z.string().max(400).optional(),
  startsAt: z.string().max(40).optional(),
  endsAt: z.string().max(40).optional(),
  expectedSize: z.string().max(20).optional(),
});

/** Creates an event sign-up link; start and end are datetime-local values in the organisation's time zone. */
export const createCampaignEventAction = staffAction(
  'event.manage',
  createForm,
  async ({ campaignId, name = '', startsAt = '', endsAt = '', expectedSize = '' }, { actor, db }) => {
    await createCampaignEvent(db, actor, { campaignId, name, startsAt, endsAt, expectedSize, timeZone: staffEnv().STAFF_TIME_ZONE });
    revalidate(campaignId);
    return { ok: true, message: `Event link “${name.trim()}” created. Copy the link or print its QR code below.` };
  },
);

const revokeForm = z.object({ campaignId: recordIdSchema, eventId: recordIdSchema });

/**
 * Revokes an event link at once: signatures through it follow the normal rules from now on. The
 * page then says so at its top (the revoked event's button, where an answer would show, is gone).
 */
export const revokeCampaignEventAction = staffAction('event.manage', revokeForm, async ({ campaignId, eventId }, { actor, db }) => {
  await revokeCampaignEvent(db, actor, { campaignId, eventId });
  revalidate(campaignId);
  redirect(`/campaigns/${campaignId}/events?revoked=${eventId}`);
});
