import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { validateWebhookEndpoint, type WebhookUrlPolicy } from './validate-webhook-endpoint';
import { toStaffWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, type StaffWebhookEndpoint } from './webhook-endpoint-view';
import type { WebhookEndpointInput } from './webhook-endpoint-input';
import { generateWebhookSecret } from './webhook-secret';

/**
 * Adds a webhook endpoint (admins): validated — fields, a public URL, existing campaigns — before
 * anything is written, audited (`webhook.create`, without the secret) in the same transaction.
 * Returns the signing secret: the only time it leaves the database.
 */
export async function createWebhookEndpoint(
  db: Db,
  actor: StaffActor,
  input: WebhookEndpointInput,
  policy: WebhookUrlPolicy = {},
): Promise<{ endpoint: StaffWebhookEndpoint; secret: string }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  const data = await validateWebhookEndpoint(db, input, policy);
  const secret = generateWebhookSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { ...data, secret, createdById: actor.id },
      select: WEBHOOK_ENDPOINT_SELECT,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'webhook.create',
      entityType: 'webhook_endpoint',
      entityId: created.id,
      data: { name: data.name, url: data.url, events: data.events, campaignIds: data.campaignIds, includePerson: data.includePerson },
    });
    return created;
  });
  return { endpoint: toStaffWebhookEndpoint(row), secret };
}
