import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';

/**
 * "Send a test event" (admins): queues a delivery of one `webhook.test` event (test = true, no
 * outbox rows), due now — the worker sends it like any other, signed, within about a second, and
 * it shows in the delivery log. Refused while the endpoint is disabled. Audited (`webhook.test`).
 */
export async function sendTestWebhookEvent(db: Db, actor: StaffActor, endpointId: string): Promise<{ deliveryId: string }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  if (!isWebhookId(endpointId)) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { enabled: true } });
    if (!endpoint) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
    if (!endpoint.enabled) throw new AppError('conflict', 'Enable the endpoint first: a disabled endpoint receives nothing.');
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
