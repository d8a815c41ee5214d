'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import {
  cancelUpdate,
  createUpdate,
  deleteUpdate,
  editUpdate,
  getCampaignForStaff,
  pauseUpdate,
  requestUpdateSend,
  resumeUpdate,
  setUpdateCap,
} from '@undersigned/core';
import { previewUpdate, sendTestUpdate } from '@undersigned/core/mail';
import { enqueueUpdatePlan, enqueueUpdateSend } from '@undersigned/jobs';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { staffEnv } from '@/server/env';
import { recordIdSchema } from '@/server/record-id';
import { staffAction, staffCall } from '@/server/staff-action';

const text = z.string().max(100_000).optional();
const ref = z.object({ campaignId: recordIdSchema, updateId: z.uuid() });

/**
 * Enqueue after the status change is committed. If Redis is down, the update is still in
 * Postgres in its new status, and the worker's reconciler queues it once Redis is back.
 */
async function enqueueOrLeaveToWorker(updateId: string, job: 'plan' | 'send', done: string): Promise<string> {
  try {
    await (job === 'plan' ? enqueueUpdatePlan({ updateId }) : enqueueUpdateSend({ updateId }));
    return done;
  } catch {
    return `${done} The queue is unreachable right now: the worker will pick it up on its next check.`;
  }
}

function base(campaignId: number) {
  return `/campaigns/${campaignId}/updates`;
}

const saveForm = z.object({
  campaignId: recordIdSchema,
  updateId: z.uuid().optional(),
  responseId: recordIdSchema.optional(),
  subjectEn: text,
  bodyEn: text,
  subjectEs: text,
  bodyEs: text,
});

/** Save draft: creates the draft (then opens it) or saves the edited text of one. */
export const saveUpdateAction = staffAction('update.send', saveForm, async ({ campaignId, updateId, responseId, ...content }, { actor, db }) => {
  if (updateId) {
    await editUpdate(db, actor, { campaignId, updateId, content });
    revalidatePath(`${base(campaignId)}/${updateId}`);
    return { ok: true, message: 'Draft saved.' };
  }
  const { id } = await createUpdate(db, actor, { campaignId, responseId, content });
  revalidatePath(base(campaignId));
  redirect(`${base(campaignId)}/${id}?created=1`);
});

export const deleteUpdateAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  await deleteUpdate(db, actor, input);
  revalidatePath(base(input.campaignId));
  redirect(`${base(input.campaignId)}?deleted=1`);
});

export const sendTestUpdateAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  const env = staffEnv();
  const sent = await sendTestUpdate(db, actor, input, {
    publicWebUrl: env.PUBLIC_WEB_URL,
    secret: env.CONFIRM_TOKEN_SECRET,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
  });
  const what = sent.locales.length > 1 ? `${sent.locales.length} tests (English and Spanish)` : 'A test';
  return { ok: true, message: `${what} sent to ${sent.to}.` };
});

export const requestUpdateSendAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  await requestUpdateSend(db, actor, input);
  await enqueueOrLeaveToWorker(input.updateId, 'plan', 'Sending started.');
  revalidatePath(base(input.campaignId));
  redirect(`${base(input.campaignId)}/${input.updateId}?sent=1`);
});

export const pauseUpdateAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  await pauseUpdate(db, actor, input);
  revalidatePath(`${base(input.campaignId)}/${input.updateId}`);
  return { ok: true, message: 'Paused: no new emails go out until you resume.' };
});

export const resumeUpdateAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  const { status } = await resumeUpdate(db, actor, input);
  const message = await enqueueOrLeaveToWorker(input.updateId, status === 'planning' ? 'plan' : 'send', 'Resumed.');
  revalidatePath(`${base(input.campaignId)}/${input.updateId}`);
  return { ok: true, message };
});

export const cancelUpdateAction = staffAction('update.send', ref, async (input, { actor, db }) => {
  await cancelUpdate(db, actor, input);
  // A send run marks the remaining recipients cancelled, in bounded chunks.
  const message = await enqueueOrLeaveToWorker(input.updateId, 'send', 'Cancelled: nobody else will get this update.');
  revalidatePath(`${base(input.campaignId)}/${input.updateId}`);
  return { ok: true, message };
});

const capForm = z.object({ campaignId: recordIdSchema, count: z.string().max(20), days: z.string().max(20) });

export const setUpdateCapAction = staffAction('update.cap', capForm, async (input, { actor, db }) => {
  await setUpdateCap(db, actor, input);
  revalidatePath(base(input.campaignId), 'layout');
  return { ok: true, message: 'Cap saved.' };
});

/** What the editor's live preview shows: each written language's email, exactly as sent. */
export type PreviewAnswer = ActionState & { previews?: Partial<Record<'en' | 'es', { subject: string; html: string }>> };

const previewArgs = z.tuple([
  recordIdSchema,
  z.object({ subjectEn: text.nullable(), bodyEn: text.nullable(), subjectEs: text.nullable(), bodyEs: text.nullable() }).strict(),
]);

/** The editor's live preview (nothing is saved): the same rendering the worker sends, per language. */
export const previewUpdateAction = staffCall(
  'update.send',
  previewArgs,
  async ([campaignId, raw], { db }): Promise<PreviewAnswer> => {
    const campaign = await getCampaignForStaff(db, campaignId);
    if (!campaign) return { ok: false, message: 'No such campaign.' };
    const env = staffEnv();
    const emails = previewUpdate({
      campaign,
      updateId: null,
      // Each language whose subject and body are both written; the rest is not previewed yet.
      content: {
        subjectEn: raw.subjectEn?.trim() || null,
        bodyEn: raw.bodyEn?.trim() || null,
        subjectEs: raw.subjectEs?.trim() || null,
        bodyEs: raw.bodyEs?.trim() || null,
      },
      publicWebUrl: env.PUBLIC_WEB_URL,
      secret: env.CONFIRM_TOKEN_SECRET,
      mailFrom: env.MAIL_FROM,
    });
    const previews: PreviewAnswer['previews'] = {};
    for (const l of ['en', 'es'] as const) {
      const e = emails[l];
      if (e) previews[l] = { subject: e.subject, html: e.html };
    }
    return { ok: true, previews };
  },
  { invalid: INVALID_REQUEST, mapError: toActionState },
);
