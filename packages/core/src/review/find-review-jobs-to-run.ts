import type { Db } from '@undersigned/db';

/**
 * For the worker's reconciler: review jobs that are queued or running (oldest first, at most
 * 100), so one whose queue entry Redis lost gets a run again. Only jobs created more than
 * `olderThanMs` ago: a brand-new one is being enqueued by the staff app right now.
 */
export async function findReviewJobsToRun(db: Db, options: { olderThanMs?: number } = {}): Promise<string[]> {
  const before = new Date(Date.now() - (options.olderThanMs ?? 30_000));
  const rows = await db.reviewJob.findMany({
    where: { status: { in: ['queued', 'running'] }, createdAt: { lt: before } },
    orderBy: { createdAt: 'asc' },
    take: 100,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
