import type { Db } from '@undersigned/db';
import { CAMPAIGNLESS_EVENT_TYPES, type WebhookEventType } from './event-types';

export const DEFAULT_WEBHOOK_BATCH_SIZE = 100;
export const DEFAULT_WEBHOOK_BATCH_WAIT_MS = 1_000;
export const DEFAULT_WEBHOOK_DISPATCH_MAX_EVENTS = 10_000;

export interface DispatchWebhookEventsOptions {
  /** Events per delivery (one POST) at most (N). */
  batchSize?: number;
  /**
   * How long a partial batch may wait for more events (T): fewer than batchSize new events, all
   * younger than this, are left for a later pass so a trickle does not become one POST per event.
   */
  maxWaitMs?: number;
  /** Events taken per call (one transaction). */
  maxEvents?: number;
}

export interface DispatchWebhookEventsResult {
  /** Outbox rows marked dispatched (including those no endpoint wanted any more). */
  events: number;
  deliveries: number;
  /** Events were waiting but held back for a fuller batch (maxWaitMs). */
  waiting: boolean;
}

export interface OutboxEvent {
  id: bigint;
  type: string;
  campaignId: number | null;
}

export interface EndpointFilter {
  id: string;
  events: readonly string[];
  campaignIds: readonly number[];
}

/**
 * Which events go to which endpoint, in id order, cut into batches of at most batchSize. Pure.
 * An endpoint takes an event when it subscribes to the type and its campaign filter is empty or
 * names the event's campaign; campaignless events (person.erased) ignore the filter.
 */
export function planWebhookDeliveries(
  events: readonly OutboxEvent[],
  endpoints: readonly EndpointFilter[],
  batchSize: number,
): { endpointId: string; eventIds: bigint[] }[] {
  const batches: { endpointId: string; eventIds: bigint[] }[] = [];
  for (const endpoint of endpoints) {
    const types = new Set(endpoint.events);
    const campaigns = new Set(endpoint.campaignIds);
    let current: bigint[] = [];
    for (const e of events) {
      if (!types.has(e.type)) continue;
      const campaignless = CAMPAIGNLESS_EVENT_TYPES.includes(e.type as WebhookEventType);
      if (!campaignless && campaigns.size > 0 && (e.campaignId === null || !campaigns.has(e.campaignId))) continue;
      current.push(e.id);
      if (current.length >= batchSize) {
        batches.push({ endpointId: endpoint.id, eventIds: current });
        current = [];
      }
    }
    if (current.length) batches.push({ endpointId: endpoint.id, eventIds: current });
  }
  return batches;
}

/**
 * The dispatcher: fans new outbox rows out into deliveries (one per endpoint per batch), in one
 * transaction, so each event lands in exactly one delivery per endpoint that wants it. Rows are
 * taken in id order FOR UPDATE SKIP LOCKED: several workers dispatch side by side without waiting
 * for or repeating each other. A crash before the commit leaves the rows undispatched for the next
 * pass; after it, the deliveries exist and the sender owns them.
 */
export async function dispatchWebhookEvents(db: Db, options: DispatchWebhookEventsOptions = {}): Promise<DispatchWebhookEventsResult> {
  const batchSize = options.batchSize ?? DEFAULT_WEBHOOK_BATCH_SIZE;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_WEBHOOK_BATCH_WAIT_MS;
  const maxEvents = options.maxEvents ?? DEFAULT_WEBHOOK_DISPATCH_MAX_EVENTS;
  return db.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: bigint; type: string; campaign_id: number | null; age_ms: number }[]>`
      SELECT id, type, campaign_id, (extract(epoch FROM clock_timestamp() - created_at) * 1000)::float8 AS age_ms
      FROM webhook_event WHERE NOT dispatched
      ORDER BY id LIMIT ${maxEvents}
      FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return { events: 0, deliveries: 0, waiting: false };
      let taken = rows;
      // Hold a partial batch back while it is young: only whole batches leave now.
      if (!rows.some((r) => r.age_ms >= maxWaitMs)) {
        const whole = Math.floor(rows.length / batchSize) * batchSize;
        if (whole === 0) return { events: 0, deliveries: 0, waiting: true };
        taken = rows.slice(0, whole);
      }
      const endpoints = await tx.webhookEndpoint.findMany({ where: { enabled: true }, select: { id: true, events: true, campaignIds: true } });
      const batches = planWebhookDeliveries(
        taken.map((r) => ({ id: r.id, type: r.type, campaignId: r.campaign_id })),
        endpoints,
        batchSize,
      );
      if (batches.length) {
        await tx.$executeRaw`
        INSERT INTO webhook_delivery (id, endpoint_id, event_ids, event_count)
        SELECT gen_random_uuid(), b.endpoint_id, b.event_ids::bigint[], b.event_count
        FROM unnest(${batches.map((b) => b.endpointId)}::uuid[], ${batches.map((b) => `{${b.eventIds.join(',')}}`)}::text[],
                    ${batches.map((b) => b.eventIds.length)}::int[]) AS b(endpoint_id, event_ids, event_count)`;
      }
      await tx.$executeRaw`UPDATE webhook_event SET dispatched = true WHERE id = ANY(${taken.map((r) => r.id.toString())}::bigint[])`;
      return { events: taken.length, deliveries: batches.length, waiting: taken.length < rows.length };
    },
    { timeout: 30_000 },
  );
}
