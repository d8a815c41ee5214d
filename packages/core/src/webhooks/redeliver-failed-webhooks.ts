import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';

/**
 * "Redeliver all failed" (admins): every failed delivery of the endpoint goes back to pending,
 * due now, with its own id (same `webhook-id`). Typically after fixing a receiver and enabling the
 * endpoint again. Returns how many; audited (`webhook.redeliver_failed`, with the count).
 */
export async function redeliverFailedWebhooks(db: Db, actor: StaffActor, endpointId: string): Promise<{ count: number }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  if (!isWebhookId(endpointId)) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  return db.$transaction(async (tx) => {
    const endpoint = await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { enabled: true } });
    if (!endpoint) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
    if (!endpoint.enabled) throw new AppError('conflict', 'Enable the endpoint first: a disabled endpoint receives nothing.');
    const { count } = await tx.webhookDelivery.updateMany({
      where: { endpointId, status: 'failed' },
      data: { status: 'pending', nextAttemptAt: new Date(), lockedUntil: null },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.redeliver_failed',
      entityType: 'webhook_endpoint',
      entityId: endpointId,
      data: { count },
    });
    return { count };
  });
}
