import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';

/**
 * Switches an endpoint on or off (admins). Off: the sender stops (disabledAt set, no reason — the
 * reason is reserved for the sender's "failing for a day", which is what the admin notice shows).
 * On again: the failure run and any disabled state are cleared, so retries start afresh; failed
 * deliveries stay failed until someone presses "Redeliver all failed". Audited
 * (`webhook.enable` / `webhook.disable`).
 */
export async function setWebhookEndpointEnabled(db: Db, actor: StaffActor, id: string, enabled: boolean): Promise<void> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  if (!isWebhookId(id)) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  await db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id },
      data: enabled
        ? { enabled: true, disabledAt: null, disabledReason: null, failingSince: null }
        : { enabled: false, disabledAt: new Date(), disabledReason: null },
    });
    if (count === 0) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: enabled ? 'webhook.enable' : 'webhook.disable',
      entityType: 'webhook_endpoint',
      entityId: id,
    });
  });
}
