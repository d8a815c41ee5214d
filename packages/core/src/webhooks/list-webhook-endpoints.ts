import type { Db, WebhookDeliveryStatus } from '@undersigned/db';
import { toStaffWebhookEndpoint, WEBHOOK_ENDPOINT_SELECT, type StaffWebhookEndpoint } from './webhook-endpoint-view';

export interface WebhookEndpointListItem extends StaffWebhookEndpoint {
  /** The newest delivery (a POST of one or more events): its state and when it was queued or last tried. */
  lastDelivery: { status: WebhookDeliveryStatus; at: Date; statusCode: number | null; test: boolean } | null;
  /** Deliveries waiting for their (next) attempt or being sent. */
  pendingCount: number;
  /** Deliveries given up on (retried for a day, or the endpoint was disabled): "Redeliver all failed". */
  failedCount: number;
}

/**
 * Every webhook endpoint, oldest first, with its newest delivery and the counts of pending and
 * failed deliveries — never a secret. Three queries whatever the number of endpoints (an
 * organisation has a handful).
 */
export async function listWebhookEndpoints(db: Db): Promise<WebhookEndpointListItem[]> {
  const rows = await db.webhookEndpoint.findMany({ select: WEBHOOK_ENDPOINT_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  if (rows.length === 0) return [];
  const [counts, latest] = await Promise.all([
    db.webhookDelivery.groupBy({
      by: ['endpointId', 'status'],
      where: { status: { in: ['pending', 'sending', 'failed'] } },
      _count: { _all: true },
    }),
    // The newest delivery of each endpoint: one index probe each on (endpoint_id, created_at DESC).
    db.$queryRaw<{ endpoint_id: string; status: WebhookDeliveryStatus; at: Date; last_status_code: number | null; test: boolean }[]>`
      SELECT e.id AS endpoint_id, d.status, d.at, d.last_status_code, d.test
      FROM webhook_endpoint e
      CROSS JOIN LATERAL (
        SELECT status, greatest(created_at, coalesce(succeeded_at, created_at),
                 coalesce((SELECT max(a.created_at) FROM webhook_attempt a WHERE a.delivery_id = wd.id), created_at)) AS at,
               last_status_code, test
        FROM webhook_delivery wd WHERE wd.endpoint_id = e.id ORDER BY wd.created_at DESC, wd.id DESC LIMIT 1
      ) d`,
  ]);
  const count = (endpointId: string, statuses: WebhookDeliveryStatus[]) =>
    counts.filter((c) => c.endpointId === endpointId && statuses.includes(c.status)).reduce((n, c) => n + c._count._all, 0);
  const now = new Date();
  return rows.map((row) => {
    const last = latest.find((l) => l.endpoint_id === row.id);
    return {
      ...toStaffWebhookEndpoint(row, now),
      lastDelivery: last ? { status: last.status, at: last.at, statusCode: last.last_status_code, test: last.test } : null,
      pendingCount: count(row.id, ['pending', 'sending']),
      failedCount: count(row.id, ['failed']),
    };
  });
}
