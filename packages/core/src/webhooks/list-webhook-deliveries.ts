import type { Db, Prisma, WebhookDeliveryStatus } from '@undersigned/db';
import { WEBHOOK_TEST_EVENT } from './event-types';
import { isWebhookId, webhookMessageId } from './webhook-endpoint-view';

export interface WebhookAttemptLogItem {
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first bytes of the answer, or the network error. */
  detail: string | null;
  at: Date;
}

export interface WebhookDeliveryLogItem {
  id: string;
  /** The `webhook-id` header the receiver sees on every attempt: `msg_<id>` (as sendDueWebhooks signs it). */
  webhookId: string;
  createdAt: Date;
  status: WebhookDeliveryStatus;
  test: boolean;
  eventCount: number;
  /** Event types in this POST with how many of each (empty when the events were pruned from the outbox). */
  eventTypes: { type: string; count: number }[];
  attempts: number;
  nextAttemptAt: Date;
  succeededAt: Date | null;
  lastStatusCode: number | null;
  lastLatencyMs: number | null;
  lastError: string | null;
  attemptLog: WebhookAttemptLogItem[];
}

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliveryLogItem[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export interface ListWebhookDeliveriesOptions {
  /** From a previous page's nextCursor; anything else starts at the newest. */
  cursor?: string | null;
  status?: WebhookDeliveryStatus | null;
  /** 1–100, default 25. */
  limit?: number;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/i;
/** Attempts shown per delivery (retries for a day are far fewer). */
const MAX_ATTEMPTS_SHOWN = 50;

/**
 * An endpoint's delivery log for staff, newest first, keyset-paged on (created_at, id) so an old
 * page is as fast as the first (index webhook_delivery(endpoint_id, created_at DESC)). Each
 * delivery carries its attempts (status code, latency, detail, time) and the types of its events.
 */
export async function listWebhookDeliveries(db: Db, endpointId: string, options: ListWebhookDeliveriesOptions = {}): Promise<WebhookDeliveryPage> {
  if (!isWebhookId(endpointId)) return { deliveries: [], nextCursor: null };
  const limit = Math.min(100, Math.max(1, Math.trunc(options.limit ?? 25)));
  const where: Prisma.WebhookDeliveryWhereInput = { endpointId };
  if (options.status) where.status = options.status === 'pending' ? { in: ['pending', 'sending'] } : options.status;
  const cursor = options.cursor ? CURSOR.exec(options.cursor) : null;
  if (cursor) {
    const at = new Date(cursor[1]!);
    if (!Number.isNaN(at.getTime())) where.OR = [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: cursor[2]!.toLowerCase() } }];
  }
  const rows = await db.webhookDelivery.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    include: { attemptLog: { orderBy: [{ attempt: 'asc' }, { id: 'asc' }], take: MAX_ATTEMPTS_SHOWN } },
  });
  const page = rows.slice(0, limit);
  const eventIds = page.flatMap((d) => d.eventIds);
  const events = eventIds.length ? await db.webhookEvent.findMany({ where: { id: { in: eventIds } }, select: { id: true, type: true } }) : [];
  const typeOf = new Map(events.map((e) => [e.id, e.type]));
  const deliveries = page.map((d): WebhookDeliveryLogItem => {
    const counts = new Map<string, number>();
    if (d.test) counts.set(WEBHOOK_TEST_EVENT, 1);
    for (const id of d.eventIds) {
      const type = typeOf.get(id);
      if (type) counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return {
      id: d.id,
      webhookId: webhookMessageId(d.id),
      createdAt: d.createdAt,
      status: d.status,
      test: d.test,
      eventCount: d.eventCount,
      eventTypes: [...counts].map(([type, count]) => ({ type, count })),
      attempts: d.attempts,
      nextAttemptAt: d.nextAttemptAt,
      succeededAt: d.succeededAt,
      lastStatusCode: d.lastStatusCode,
      lastLatencyMs: d.lastLatencyMs,
      lastError: d.lastError,
      attemptLog: d.attemptLog.map((a) => ({
        attempt: a.attempt,
        ok: a.ok,
        statusCode: a.statusCode,
        latencyMs: a.latencyMs,
        detail: a.detail,
        at: a.createdAt,
      })),
    };
  });
  const last = page[page.length - 1];
  return { deliveries, nextCursor: rows.length > limit && last ? `${last.createdAt.toISOString()}_${last.id}` : null };
}
