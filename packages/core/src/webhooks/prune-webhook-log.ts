import type { Db } from '@undersigned/db';

export const WEBHOOK_LOG_RETENTION_MS = 30 * 24 * 3600_000;

/**
 * Deletes finished deliveries (with their attempts) and dispatched outbox events older than the
 * retention (30 days by default), at most `limit` rows of each per call so a backlog is worked off
 * in short statements. Pending deliveries and undispatched events are never touched. Returns how
 * many rows went (call again while it returns `more`).
 */
export async function pruneWebhookLog(
  db: Db,
  options: { olderThanMs?: number; limit?: number } = {},
): Promise<{ deliveries: number; events: number; more: boolean }> {
  const olderThanMs = options.olderThanMs ?? WEBHOOK_LOG_RETENTION_MS;
  const limit = options.limit ?? 5_000;
  const deliveries = await db.$executeRaw`
    DELETE FROM webhook_delivery WHERE id IN (
      SELECT id FROM webhook_delivery
      WHERE status IN ('succeeded', 'failed') AND created_at < now() - ${olderThanMs} * interval '1 millisecond'
      LIMIT ${limit})`;
  const events = await db.$executeRaw`
    DELETE FROM webhook_event WHERE id IN (
      SELECT id FROM webhook_event
      WHERE dispatched AND created_at < now() - ${olderThanMs} * interval '1 millisecond'
      LIMIT ${limit})`;
  return { deliveries, events, more: deliveries === limit || events === limit };
}
