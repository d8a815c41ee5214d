import type { Db } from '@undersigned/db';

/**
 * Deliveries Postgres says are owed (status `pending`), oldest first: the reconciler makes sure
 * each has a job in Redis (a job lost with Redis, or never enqueued, is added again).
 */
export async function findPendingDeliveries(db: Db, input: { olderThanMs?: number; limit?: number } = {}): Promise<string[]> {
  const rows = await db.delivery.findMany({
    where: { status: 'pending', createdAt: { lte: new Date(Date.now() - (input.olderThanMs ?? 0)) } },
    select: { id: true },
    orderBy: { createdAt: 'asc' },
    take: input.limit ?? 1_000,
  });
  return rows.map((r) => r.id);
}
