import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { validateWebhookEndpoint, type WebhookUrlPolicy } from './validate-webhook-endpoint';
import { isWebhookId, toStaffWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, type StaffWebhookEndpoint } from './webhook-endpoint-view';
import type { WebhookEndpointInput } from './webhook-endpoint-input';

/**
 * Changes an endpoint's name, URL, events, campaign filter or person-data choice (admins). The URL
 * is checked again, as at creation; nothing is written unless everything is valid. Deliveries
 * already queued keep their events and go to the new URL. Audited (`webhook.update`, what changed).
 */
export async function updateWebhookEndpoint(
  db: Db,
  actor: StaffActor,
  id: string,
  input: WebhookEndpointInput,
  policy: WebhookUrlPolicy = {},
): Promise<StaffWebhookEndpoint> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  const before = isWebhookId(id) ? await db.webhookEndpoint.findUnique({ where: { id }, select: WEBHOOK_ENDPOINT_SELECT }) : null;
  if (!before) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  const data = await validateWebhookEndpoint(db, input, policy);
  const changed = (Object.keys(data) as (keyof typeof data)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(data[k]));
  const row = await db.$transaction(async (tx) => {
    const updated = await tx.webhookEndpoint.update({ where: { id }, data, select: WEBHOOK_ENDPOINT_SELECT });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.update',
      entityType: 'webhook_endpoint',
      entityId: id,
      data: { changed, ...Object.fromEntries(changed.map((k) => [k, data[k]])) },
    });
    return updated;
  });
  return toStaffWebhookEndpoint(row);
}
