import { reconcileSignatureCounts } from '@undersigned/core';
import type { JobResult, WorkerContext } from '../../context';

/** maintenance.reconcile-counts: prove the sharded counters equal the table, repair drift. */
export async function reconcileCounts(_job: unknown, ctx: WorkerContext): Promise<JobResult> {
  const repairs = await reconcileSignatureCounts(ctx.db);
  return { outcome: repairs.length ? 'repaired' : 'exact', repairs };
}
