'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deliverNow, recordAudit, retryDelivery } from '@undersigned/core';
import { buildNextDeliveryEmail } from '@undersigned/core/mail';
import { dbEnv } from '@undersigned/db';
import { createMailer } from '@undersigned/email';
import { enqueueDelivery } from '@undersigned/jobs';
import { staffEnv } from '@/server/env';
import { staffAction } from '@/server/staff-action';

/**
 * Enqueue after the delivery row is committed. If Redis is down the row is still pending in
 * Postgres, and the worker queues every pending delivery on its planner tick once Redis is back,
 * so the staff member is told it is recorded.
 */
async function enqueueOrLeaveToWorker(deliveryId: string): Promise<string> {
  try {
    await enqueueDelivery({ deliveryId });
    return 'Delivery queued: it goes out within seconds.';
  } catch {
    return 'Delivery recorded; the queue is unreachable, so the worker will pick it up on its next check.';
  }
}

const pairForm = z.object({ campaignId: z.coerce.number().int().positive(), targetId: z.coerce.number().int().positive() });

export const deliverNowAction = staffAction('delivery.trigger', pairForm, async (pair, { actor, db }) => {
  const delivery = await deliverNow(db, { ...pair, requestedById: actor.id });
  const message = await enqueueOrLeaveToWorker(delivery.id);
  revalidatePath(`/campaigns/${pair.campaignId}/deliveries`);
  return { ok: true, message: `${delivery.signatureCount} new signature(s). ${message}` };
});

const retryForm = z.object({ campaignId: z.coerce.number().int().positive(), deliveryId: z.uuid() });

export const retryDeliveryAction = staffAction('delivery.trigger', retryForm, async ({ campaignId, deliveryId }, { actor, db }) => {
  const delivery = await retryDelivery(db, { deliveryId, requestedById: actor.id });
  const message = await enqueueOrLeaveToWorker(delivery.id);
  revalidatePath(`/campaigns/${campaignId}/deliveries`);
  return { ok: true, message };
});

/** Sends the next delivery's email, as the target would get it, to the staff member only. */
export const sendTestDeliveryAction = staffAction('delivery.trigger', pairForm, async (pair, { actor, db }) => {
  const env = staffEnv();
  const email = await buildNextDeliveryEmail(db, pair, { databaseUrl: dbEnv().DATABASE_URL, publicWebUrl: env.PUBLIC_WEB_URL });
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
    entityId: pair.campaignId,
    data: { targetId: pair.targetId, to: actor.email, signatures: email.newCount },
  });
  return { ok: true, message: `Test sent to ${actor.email}.` };
});
