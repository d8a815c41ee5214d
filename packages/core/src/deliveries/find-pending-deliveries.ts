import type { Db } from '@undersigned/db';

/**
 * Deliveries Postgres says are owed, oldest first, for the reconciler to make sure each has a
 * job in Redis (a job lost with Redis, or never enqueued, is added again):
 * - every `pending` delivery;
 * - `sending` ones stuck longer than `stuckSendingAfterMs` (their worker died and the job is gone
 *   too): the job's run applies sendDelivery's crash policy to them (checked, never re-sent).
 */
export async function findPendingDeliveries(
  db: Db,
  input: { olderThanMs?: number; stuckSendingAfterMs?: number; limit?: number } = {},
): Promise<string[]> {
  const now = Date.now();
  const rows = await db.delivery.findMany({
    where: {
      OR: [
        { status: 'pending', createdAt: { lte: new Date(now - (input.olderThanMs ?? 0)) } },
        { status: 'sending', sendingAt: { lte: new Date(now - (input.stuckSendingAfterMs ?? 600_000)) } },
      ],
    },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: input.limit ?? 1_000,
  });
  return rows.map((r) => r.id);
}
