import type { Prisma } from '@undersigned/db';
import type { WebhookEventType } from './event-types';

/** One outbox row: what happened, to what (ids only), and the few facts that may not outlive it. */
export interface WebhookEventInput {
  type: WebhookEventType;
  campaignId?: number | null;
  signatureId?: bigint | null;
  personId?: number | null;
  /** Small, never personal: a removal's reason, a status change's from/to, an update's or delivery's id. */
  data?: Record<string, string | number | boolean | null> | null;
}

/**
 * Writes webhook events into the outbox (webhook_event) inside the caller's transaction, so an
 * event exists exactly when the change it reports commits. Only types some enabled endpoint
 * subscribes to are written: with no webhooks configured this is one cheap statement that inserts
 * nothing. The dispatcher (dispatchWebhookEvents) turns the rows into deliveries.
 * (The signing hot path writes its signature.created rows inside writeSignatures' own statement.)
 */
export async function recordWebhookEvents(tx: Prisma.TransactionClient, events: readonly WebhookEventInput[]): Promise<number> {
  if (events.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO webhook_event (type, campaign_id, signature_id, person_id, data)
    SELECT e.type, e.campaign_id, e.signature_id, e.person_id, e.data
    FROM unnest(${events.map((e) => e.type)}::text[], ${events.map((e) => e.campaignId ?? null)}::int[],
                ${events.map((e) => (e.signatureId === undefined || e.signatureId === null ? null : e.signatureId.toString()))}::bigint[],
                ${events.map((e) => e.personId ?? null)}::int[], ${events.map((e) => (e.data ? JSON.stringify(e.data) : null))}::jsonb[])
      WITH ORDINALITY AS e(type, campaign_id, signature_id, person_id, data, n)
    WHERE EXISTS (SELECT 1 FROM webhook_endpoint w WHERE w.enabled AND e.type = ANY(w.events))
    ORDER BY e.n`;
}
