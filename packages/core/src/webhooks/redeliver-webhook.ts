import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';

/**
 * Sends a finished delivery again (admins): a succeeded or failed delivery goes back to pending,
 * due now. It keeps its id, so the receiver sees the same `webhook-id` and can deduplicate; its
 * attempts continue from where they were (the log keeps every one). Refused while it is still
 * pending or sending, or while its endpoint is disabled. Audited (`webhook.redeliver`).
 */
export async function redeliverWebhook(db: Db, actor: StaffActor, deliveryId: string): Promise<void> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  if (!isWebhookId(deliveryId)) throw new AppError('not_found', 'This delivery no longer exists.');
  await db.$transaction(async (tx) => {
    const delivery = await tx.webhookDelivery.findUnique({
      where: { id: deliveryId },
      select: { endpointId: true, status: true, endpoint: { select: { enabled: true } } },
    });
    if (!delivery) throw new AppError('not_found', 'This delivery no longer exists.');
    if (!delivery.endpoint.enabled) throw new AppError('conflict', 'Enable the endpoint first: a disabled endpoint receives nothing.');
    // The status in the WHERE: a worker that claimed it meanwhile wins.
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: deliveryId, status: { in: ['succeeded', 'failed'] } },
      data: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: null, succeededAt: null },
    });
    if (count === 0) throw new AppError('conflict', 'This delivery is already queued or being sent.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.redeliver',
      entityType: 'webhook_endpoint',
      entityId: delivery.endpointId,
      data: { deliveryId, previousStatus: delivery.status },
    });
  });
}
