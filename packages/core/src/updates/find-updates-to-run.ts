import type { Db } from '@undersigned/db';

export interface UpdatesToRun {
  /** Updates still `planning`: they need a planning run. */
  plan: string[];
  /** Updates `sending`, or `cancelled` with pending recipients left to mark: they need a sending run. */
  send: string[];
}

/**
 * For the worker's reconciler (Postgres is the truth, Redis may have lost jobs): the updates that
 * need a planning or sending run. Cheap: the status index, and the partial index of pending rows.
 */
export async function findUpdatesToRun(db: Db): Promise<UpdatesToRun> {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    SELECT u.id::text AS id, u.status::text AS status FROM campaign_update u
    WHERE u.status IN ('planning', 'sending')
       OR (u.status = 'cancelled' AND EXISTS (SELECT 1 FROM update_recipient r WHERE r.update_id = u.id AND r.status = 'pending'))
    ORDER BY u.send_requested_at NULLS LAST
    LIMIT 1000`;
  return { plan: rows.filter((r) => r.status === 'planning').map((r) => r.id), send: rows.filter((r) => r.status !== 'planning').map((r) => r.id) };
}
