import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookId } from './webhook-endpoint-view';

/**
 * Deletes an endpoint with its deliveries and their attempts (cascade): nothing more is sent to it,
 * a POST in flight is the last. Audited (`webhook.delete`, with its name and URL).
 */
export async function deleteWebhookEndpoint(db: Db, actor: StaffActor, id: string): Promise<void> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  if (!isWebhookId(id)) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  await db.$transaction(async (tx) => {
    const row = await tx.webhookEndpoint.findUnique({ where: { id }, select: { name: true, url: true } });
    const gone = row ? await tx.webhookEndpoint.deleteMany({ where: { id } }) : { count: 0 };
    if (!row || gone.count === 0) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.delete',
      entityType: 'webhook_endpoint',
      entityId: id,
      data: { name: row.name, url: row.url },
    });
  });
}
