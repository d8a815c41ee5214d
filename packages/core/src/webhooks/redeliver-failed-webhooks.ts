import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import { requireEnabledWebhookEndpoint } from './webhook-endpoint-view';

/**
 * "Redeliver all failed" (admins): every failed delivery of the endpoint goes back to pending,
 * due now, with its own id (same `webhook-id`). Typically after fixing a receiver and enabling the
 * endpoint again. Returns how many; audited (`webhook.redeliver_failed`, with the count).
 */
export async function redeliverFailedWebhooks(db: Db, actor: StaffActor, endpointId: string): Promise<{ count: number }> {
  return db.$transaction(async (tx) => {
    await requireEnabledWebhookEndpoint(tx, actor, endpointId);
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
