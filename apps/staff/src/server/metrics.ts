import { getDb, pgPoolOf } from '@undersigned/db';
import { countQueueJobs } from '@undersigned/jobs';
import { processMetrics, startMetricsListener, type Metrics } from '@undersigned/metrics';
import { staffMetricsEnv } from '@/server/env';

const globalForStaff = globalThis as unknown as { __undersignedStaffMetricsSources?: true };

/**
 * The staff app's metrics (docs/metrics.md): process metrics, its Prisma pool and every queue's
 * depth (read at most every 5 s), or null when METRICS_ENABLED=false.
 */
export function staffMetrics(): Metrics | null {
  const metrics = processMetrics(staffMetricsEnv(), 'staff');
  if (metrics && !globalForStaff.__undersignedStaffMetricsSources) {
    globalForStaff.__undersignedStaffMetricsSources = true;
    metrics.observePool('prisma', pgPoolOf(getDb()));
    metrics.observeQueues(countQueueJobs);
  }
  return metrics;
}

/** At boot (instrumentation.ts): the private listener on METRICS_HOST:METRICS_PORT, when set. */
export async function startStaffMetricsListener(): Promise<void> {
  if (!staffMetrics()) return;
  const server = await startMetricsListener(staffMetricsEnv());
  if (server) console.log(`[staff] metrics on http://${staffMetricsEnv().METRICS_HOST}:${staffMetricsEnv().METRICS_PORT}/metrics`);
}
