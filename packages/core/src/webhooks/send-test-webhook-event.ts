import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { requireEnabledWebhookEndpoint } from './webhook-endpoint-view';

/**
 * "Send a test event" (admins): queues a delivery of one `webhook.test` event (test = true, no
 * outbox rows), due now — the worker sends it like any other, signed, within about a second, and
 * it shows in the delivery log. Refused while the endpoint is disabled. Audited (`webhook.test`).
 */
export async function sendTestWebhookEvent(db: Db, actor: StaffActor, endpointId: string): Promise<{ deliveryId: string }> {
  return db.$transaction(async (tx) => {
    await requireEnabledWebhookEndpoint(tx, actor, endpointId);
    const delivery = await tx.webhookDelivery.create({
      data: { endpointId, eventIds: [], eventCount: 1, test: true, status: 'pending', nextAttemptAt: new Date() },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.test',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      data: { deliveryId: delivery.id },
    });
    return { deliveryId: delivery.id };
  });
}
