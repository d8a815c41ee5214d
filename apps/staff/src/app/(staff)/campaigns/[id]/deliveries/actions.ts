'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deliverNow, recordAudit, retryDelivery } from '@undersigned/core';
import { buildNextDeliveryEmail } from '@undersigned/core/mail';
import { dbEnv, getDb } from '@undersigned/db';
import { createMailer } from '@undersigned/email';
import { enqueueDelivery } from '@undersigned/jobs';
import { INVALID_REQUEST, toActionState, type ActionState } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

/**
 * Enqueue after the delivery row is committed. If Redis is down the row is still pending in
 * Postgres and the worker's reconciler sends it, so the staff member is told it is queued.
 */
async function enqueueOrLeaveToReconciler(deliveryId: string): Promise<string> {
  try {
    await enqueueDelivery({ deliveryId });
    return 'Delivery queued: it goes out within seconds.';
  } catch {
    return 'Delivery recorded; the queue is unreachable, so the worker will pick it up on its next check.';
  }
}

const deliverForm = z.object({ campaignId: z.coerce.number().int().positive(), targetId: z.coerce.number().int().positive() });

export async function deliverNowAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('delivery.trigger');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = deliverForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  try {
    const delivery = await deliverNow(getDb(), { ...parsed.data, requestedById: actor.id });
    const message = await enqueueOrLeaveToReconciler(delivery.id);
    revalidatePath(`/campaigns/${parsed.data.campaignId}/deliveries`);
    return { ok: true, message: `${delivery.signatureCount} new signature(s). ${message}` };
  } catch (error) {
    return toActionState(error);
  }
}

const retryForm = z.object({ campaignId: z.coerce.number().int().positive(), deliveryId: z.uuid() });

export async function retryDeliveryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('delivery.trigger');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = retryForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  try {
    const delivery = await retryDelivery(getDb(), { deliveryId: parsed.data.deliveryId, requestedById: actor.id });
    const message = await enqueueOrLeaveToReconciler(delivery.id);
    revalidatePath(`/campaigns/${parsed.data.campaignId}/deliveries`);
    return { ok: true, message };
  } catch (error) {
    return toActionState(error);
  }
}

export async function sendTestDeliveryAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireStaff('delivery.trigger');
  if (!(formData instanceof FormData)) return INVALID_REQUEST;
  const parsed = deliverForm.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return INVALID_REQUEST;
  const env = staffEnv();
  const db = getDb();
  try {
    const email = await buildNextDeliveryEmail(db, parsed.data, { databaseUrl: dbEnv().DATABASE_URL, publicWebUrl: env.PUBLIC_WEB_URL });
    const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
    try {
      await mailer.send({
        to: actor.email,
        subject: `[Test] ${email.subject}`,
        html: email.html,
        text: email.text,
        attachments: [{ filename: email.csv.fileName, path: email.csv.path, contentType: email.csv.contentType }],
      });
    } finally {
      mailer.close();
      await email.csv.cleanup();
    }
    await recordAudit(db, {
      actorId: actor.id,
      action: 'delivery.test',
      entityType: 'campaign',
      entityId: parsed.data.campaignId,
      data: { targetId: parsed.data.targetId, to: actor.email, signatures: email.newCount },
    });
    return { ok: true, message: `Test sent to ${actor.email}.` };
  } catch (error) {
    return toActionState(error);
  }
}
