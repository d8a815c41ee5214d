'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createApiKey, revokeApiKey, rotateApiKey } from '@undersigned/core';
import { fieldMessage, type ActionState } from '@/server/action-state';
import { repeated, staffAction } from '@/server/staff-action';

// Secrets leave these actions only in their answer to the form that asked (ActionState.secret):
// never in a redirect or a URL, and nothing here logs.

const PAGE = '/integrations/api-keys';

const createForm = z.object({
  // Loose here: core validates the values and answers with field errors the form shows.
  name: z.string().max(400).optional(),
  scope: z.string().max(20).optional(),
  campaigns: z.enum(['all', 'some']).optional(),
  campaignIds: repeated(z.array(z.string().max(20)).max(1_000)).optional(),
  rateLimitPerMinute: z.string().max(40).optional(),
});

export const createApiKeyAction = staffAction(
  'integration.manage',
  createForm,
  async ({ name = '', scope = '', campaigns = 'all', campaignIds = [], rateLimitPerMinute }, { actor, db }) => {
    if (campaigns === 'some' && campaignIds.length === 0) {
      return { ok: false, message: 'Some fields need attention.', fields: { campaignIds: fieldMessage('choose_campaigns') } };
    }
    const created = await createApiKey(db, actor, { name, scope, campaignIds: campaigns === 'all' ? [] : campaignIds, rateLimitPerMinute });
    revalidatePath(PAGE);
    const state: ActionState = { ok: true, message: `API key “${created.key.name}” created.`, secret: created.secret };
    return state;
  },
);

const keyForm = z.object({ keyId: z.uuid() });

export const revokeApiKeyAction = staffAction('integration.manage', keyForm, async ({ keyId }, { actor, db }) => {
  await revokeApiKey(db, actor, keyId);
  revalidatePath(PAGE);
  return { ok: true, message: 'Revoked. Requests with this key are refused from now on.' };
});

const rotateForm = z.object({ keyId: z.uuid(), keepPreviousHours: z.enum(['0', '24']) });

export const rotateApiKeyAction = staffAction(
  'integration.manage',
  rotateForm,
  async ({ keyId, keepPreviousHours }, { actor, db }) => {
    const hours = keepPreviousHours === '24' ? 24 : 0;
    const { secret } = await rotateApiKey(db, actor, keyId, { keepPreviousHours: hours });
    revalidatePath(PAGE);
    const state: ActionState = {
      ok: true,
      message: hours ? 'New secret created. The old one keeps working for 24 hours.' : 'New secret created. The old one no longer works.',
      secret,
    };
    return state;
  },
  { invalid: { ok: false, message: 'Choose when the old secret stops working.' } },
);
