import type { Db } from '@undersigned/db';
import { classifySmtpError, describeSmtpError, domainOf, type Mailer } from '@undersigned/email';
import { NO_TARGET_EMAIL } from './claim-delivery-range';
import { prepareDeliveryEmail, type PrepareDeliveryEmailDeps } from './prepare-delivery-email';
import { recordWebhookEvents } from '../webhooks/record-webhook-events';

export interface SendDeliveryDeps extends PrepareDeliveryEmailDeps {
  mailer: Mailer;
}

export type SendDeliveryOutcome =
  | 'sent' // accepted by SMTP and recorded now
  | 'already_sent' // a repeated job: nothing to do
  | 'failed' // permanent failure recorded now (5xx, no target email), or found failed
  | 'uncertain' // found `sending` after a crash: not re-sent, marked failed for staff to check
  | 'busy' // another run holds it right now
  | 'not_found';

export interface SendDeliveryResult {
  outcome: SendDeliveryOutcome;
  deliveryId: string;
  campaignId?: number;
  targetId?: number;
  count?: number;
  bytes?: number;
  gzipped?: boolean;
  smtpResponse?: string;
  error?: string;
  /** Where the time went (ms): building the CSV, rendering the email, the SMTP transaction. */
  csvMs?: number;
  renderMs?: number;
  smtpMs?: number;
}

/** A temporary failure (SMTP 4xx, timeout, refused connection): recorded; the job retries. */
export class TemporaryDeliveryError extends Error {
  constructor(
    readonly deliveryId: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemporaryDeliveryError';
  }
}

export const UNCERTAIN_PREFIX = 'Interrupted while sending';

/** The deterministic Message-ID of a delivery's email. */
export function deliveryMessageId(deliveryId: string, from: string): string {
  return `<delivery-${deliveryId}@${domainOf(from)}>`;
}

/**
 * Sends one delivery, exactly once:
 * 1. `sent` → nothing (a repeated job). `failed` → nothing (staff retry it).
 * 2. `sending` → the crash policy. A delivery is only ever `sending` while one run is between
 *    handing the email to SMTP and recording the answer; finding it so means that run died in
 *    that window and we cannot know whether the SMTP server accepted the message. Sending again
 *    could email the official twice, so it is NOT re-sent: it is marked `failed` with a reason
 *    naming the Message-ID, for staff to check the mail log and retry if it never left
 *    (`retryDelivery`). At most once, never silently lost.
 * 3. `pending` → build the CSV (streamed, hashed), render the email, then mark `sending`
 *    (conditional on still `pending`, so two runs cannot both send), send with a Message-ID
 *    derived from the delivery id, and mark `sent` with the SMTP response. On 5xx: `failed`
 *    with the error. On 4xx/timeouts/refused connections: back to `pending` with the error
 *    recorded, and TemporaryDeliveryError is thrown so the job retries with backoff.
 */
export async function sendDelivery(db: Db, input: { deliveryId: string }, deps: SendDeliveryDeps): Promise<SendDeliveryResult> {
  const delivery = await db.delivery.findUnique({
    where: { id: input.deliveryId },
    include: {
      target: true,
      campaign: { include: { translations: true } },
    },
  });
  if (!delivery) return { outcome: 'not_found', deliveryId: input.deliveryId };
  const base = {
    deliveryId: delivery.id,
    campaignId: delivery.campaignId,
    targetId: delivery.targetId,
    count: delivery.signatureCount,
  };
  if (delivery.status === 'sent') return { ...base, outcome: 'already_sent' };
  if (delivery.status === 'failed') return { ...base, outcome: 'failed', error: delivery.lastError ?? undefined };
  if (delivery.status === 'sending') {
    const reason = `${UNCERTAIN_PREFIX} at ${delivery.sendingAt?.toISOString() ?? 'an unknown time'}: the SMTP server may or may not have accepted it, so it was not sent again. Check the mail log for Message-ID ${deliveryMessageId(delivery.id, deps.mailer.from)}, then retry it if it never arrived.`;
    const { count } = await db.delivery.updateMany({
      where: { id: delivery.id, status: 'sending' },
      data: { status: 'failed', lastError: reason },
    });
    return { ...base, outcome: count === 1 ? 'uncertain' : 'busy', error: reason };
  }

  const to = delivery.target.email?.trim();
  if (!to) {
    await db.delivery.updateMany({ where: { id: delivery.id, status: 'pending' }, data: { status: 'failed', lastError: NO_TARGET_EMAIL } });
    return { ...base, outcome: 'failed', error: NO_TARGET_EMAIL };
  }

  const pair = await db.campaignTarget.findUnique({
    where: { campaignId_targetId: { campaignId: delivery.campaignId, targetId: delivery.targetId } },
    select: { constituentsOnly: true },
  });
  const { email, csv, csvMs, renderMs } = await prepareDeliveryEmail(
    { campaign: delivery.campaign, target: delivery.target, constituentsOnly: pair?.constituentsOnly ?? false, delivery, deliveryId: delivery.id },
    deps,
  );
  try {
    const messageId = deliveryMessageId(delivery.id, deps.mailer.from);

    const { count: claimed } = await db.delivery.updateMany({
      where: { id: delivery.id, status: 'pending' },
      data: {
        status: 'sending',
        sendingAt: new Date(),
        attempts: { increment: 1 },
        manifestSha256: csv.manifest.sha256,
        signatureCount: csv.manifest.count,
        messageId,
      },
    });
    if (claimed !== 1) return { ...base, outcome: 'busy' };

    let response: string;
    const smtpStartedAt = Date.now();
    try {
      const sent = await deps.mailer.send({
        to,
        replyTo: delivery.campaign.contactEmail,
        messageId,
        headers: { 'X-Undersigned-Delivery': delivery.id },
        ...email,
        attachments: [{ filename: csv.fileName, path: csv.path, contentType: csv.contentType }],
      });
      response = sent.response;
    } catch (error) {
      const description = describeSmtpError(error);
      if (classifySmtpError(error) === 'permanent') {
        await db.delivery.update({ where: { id: delivery.id }, data: { status: 'failed', lastError: description } });
        return { ...base, outcome: 'failed', count: csv.manifest.count, error: description };
      }
      await db.delivery.update({ where: { id: delivery.id }, data: { status: 'pending', lastError: description } });
      throw new TemporaryDeliveryError(delivery.id, description);
    }

    const smtpMs = Date.now() - smtpStartedAt;
    // The delivery.sent webhook event commits with the `sent` status.
    await db.$transaction(async (tx) => {
      await tx.delivery.update({
        where: { id: delivery.id },
        data: { status: 'sent', sentAt: new Date(), smtpResponse: response.slice(0, 1000), lastError: null },
      });
      await recordWebhookEvents(tx, [{ type: 'delivery.sent', campaignId: delivery.campaignId, data: { delivery_id: delivery.id } }]);
    });
    return {
      ...base,
      outcome: 'sent',
      count: csv.manifest.count,
      bytes: csv.bytes,
      gzipped: csv.gzipped,
      smtpResponse: response,
      csvMs,
      renderMs,
      smtpMs,
    };
  } finally {
    await csv.cleanup();
  }
}
