import type { Db } from '@undersigned/db';
import { isWebhookId, toStaffWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, type StaffWebhookEndpoint } from './webhook-endpoint-view';

/** One endpoint for the staff app (never its secret), or null — also for an id that is not a UUID. */
export async function getWebhookEndpoint(db: Db, id: string): Promise<StaffWebhookEndpoint | null> {
  if (!isWebhookId(id)) return null;
  const row = await db.webhookEndpoint.findUnique({ where: { id }, select: WEBHOOK_ENDPOINT_SELECT });
  return row ? toStaffWebhookEndpoint(row) : null;
}
