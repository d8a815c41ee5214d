import type { Db } from '@undersigned/db';

/**
 * Resolves when Postgres answers a trivial query over `db`'s pool and rejects with the driver's
 * error when it does not. Health endpoints (web /healthz, the worker's /healthz) call this instead
 * of querying the client themselves and wrap it in their own time budget.
 */
export async function checkDatabase(db: Db): Promise<void> {
  await db.$queryRaw`SELECT 1`;
}
