'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverFailedWebhooks,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhookEvent,
  setWebhookEndpointEnabled,
  updateWebhookEndpoint,
  validateWebhookEndpoint,
} from '@undersigned/core';
import type { WebhookSecretState } from '@/components/webhooks/webhook-secret-state';
import { toActionState, type ActionState } from '@/server/action-state';
import { staffEnv } from '@/server/env';
import { repeated, staffAction } from '@/server/staff-action';

const BASE = '/integrations/webhooks';

/** Message keys of core's webhook validation, in words (the shared ones are in action-state.ts). */
const WEBHOOK_FIELD_MESSAGES: Record<string, string> = {
  events_required: 'Choose at least one event.',
  unknown_event: 'Choose events from the list.',
  invalid_campaign: 'Choose campaigns from the list (one of them no longer exists).',
};

/** What core threw, as form state with webhook field messages in words. */
function toWebhookState(error: unknown): ActionState {
  const state = toActionState(error);
  if (!state.fields) return state;
  return { ...state, fields: Object.fromEntries(Object.entries(state.fields).map(([k, v]) => [k, WEBHOOK_FIELD_MESSAGES[v] ?? v])) };
}

async function answering(run: () => Promise<ActionState>): Promise<ActionState> {
  try {
    return await run();
  } catch (error) {
    return toWebhookState(error);
  }
}

// Field shapes only: core validates the values (field errors) and checks the URL.
const endpointForm = z.object({
  endpointId: z.uuid().optional(),
  name: z.string().max(1000).optional(),
  url: z.string().max(10_000).optional(),
  events: repeated(z.array(z.string().max(100)).max(50)).optional(),
  campaignScope: z.enum(['all', 'some']).optional(),
  campaignIds: repeated(z.array(z.string().max(20)).max(1000)).optional(),
  includePerson: z.literal('on').optional(),
});

/**
 * Adds an endpoint (answers with its signing secret, shown once: never in a URL) or saves an edit
 * (back to the endpoint's page).
 */
export const saveWebhookEndpointAction = staffAction('integration.manage', endpointForm, async (form, { actor, db }) =>
  answering(async () => {
    const input = {
      name: form.name ?? '',
      url: form.url ?? '',
      events: form.events ?? [],
      campaignIds: form.campaignScope === 'some' ? (form.campaignIds ?? []) : [],
      includePerson: form.includePerson === 'on',
    };
    const policy = { allowPrivateUrls: staffEnv().WEBHOOK_ALLOW_PRIVATE_URLS };
    if (form.campaignScope === 'some' && !form.campaignIds?.length) {
      // "Only these campaigns" with none ticked: core would read it as every campaign. Refuse, with the other fields' errors too.
      const campaignIds = 'Choose at least one campaign, or “All campaigns”.';
      const others = await validateWebhookEndpoint(db, input, policy).then(
        () => ({}),
        (error: unknown) => toWebhookState(error).fields ?? {},
      );
      return { ok: false, message: 'Some fields need attention.', fields: { ...others, campaignIds } };
    }
    if (form.endpointId) {
      await updateWebhookEndpoint(db, actor, form.endpointId, input, policy);
      revalidatePath(BASE);
      redirect(`${BASE}/${form.endpointId}?saved=1`);
    }
    const { endpoint, secret } = await createWebhookEndpoint(db, actor, input, policy);
    revalidatePath(BASE);
    const state: WebhookSecretState = { ok: true, message: `Endpoint “${endpoint.name}” added.`, secret, endpointId: endpoint.id };
    return state;
  }),
);

const endpointOnly = z.object({ endpointId: z.uuid() });

/** A new signing secret (shown once); the old one signs too for 24 hours, or stops now. */
export const rotateWebhookSecretAction = staffAction(
  'integration.manage',
  endpointOnly.extend({ keep: z.enum(['24', '0']) }),
  async ({ endpointId, keep }, { actor, db }) =>
    answering(async () => {
      const { secret } = await rotateWebhookSecret(db, actor, endpointId, { keepPreviousHours: keep === '24' ? 24 : 0 });
      revalidatePath(`${BASE}/${endpointId}`);
      const state: WebhookSecretState = {
        ok: true,
        message: keep === '24' ? 'New secret created. The old one keeps working for 24 hours.' : 'New secret created. The old one no longer works.',
        secret,
        endpointId,
      };
      return state;
    }),
  { invalid: { ok: false, message: 'Choose whether the old secret keeps working for 24 hours.' } },
);

export const setWebhookEnabledAction = staffAction(
  'integration.manage',
  endpointOnly.extend({ enabled: z.enum(['true', 'false']) }),
  async ({ endpointId, enabled }, { actor, db }) =>
    answering(async () => {
      await setWebhookEndpointEnabled(db, actor, endpointId, enabled === 'true');
      revalidatePath(BASE, 'layout');
      return { ok: true, message: enabled === 'true' ? 'Enabled: deliveries resume.' : 'Disabled: nothing is sent until you enable it.' };
    }),
);

export const deleteWebhookEndpointAction = staffAction('integration.manage', endpointOnly, async ({ endpointId }, { actor, db }) =>
  answering(async () => {
    await deleteWebhookEndpoint(db, actor, endpointId);
    revalidatePath(BASE, 'layout');
    redirect(`${BASE}?deleted=1`);
  }),
);

export const sendTestWebhookAction = staffAction('integration.manage', endpointOnly, async ({ endpointId }, { actor, db }) =>
  answering(async () => {
    await sendTestWebhookEvent(db, actor, endpointId);
    revalidatePath(`${BASE}/${endpointId}`);
    return { ok: true, message: 'Test event queued: it is sent within a second or two. Reload the log to see the answer.' };
  }),
);

export const redeliverWebhookAction = staffAction(
  'integration.manage',
  endpointOnly.extend({ deliveryId: z.uuid() }),
  async ({ endpointId, deliveryId }, { actor, db }) =>
    answering(async () => {
      await redeliverWebhook(db, actor, deliveryId);
      revalidatePath(`${BASE}/${endpointId}`);
      return { ok: true, message: 'Queued again, with the same webhook-id.' };
    }),
);

export const redeliverFailedWebhooksAction = staffAction('integration.manage', endpointOnly, async ({ endpointId }, { actor, db }) =>
  answering(async () => {
    const { count } = await redeliverFailedWebhooks(db, actor, endpointId);
    revalidatePath(`${BASE}/${endpointId}`);
    return {
      ok: true,
      message: count === 0 ? 'No failed deliveries to send again.' : `${count} failed deliver${count === 1 ? 'y' : 'ies'} queued again.`,
    };
  }),
);
