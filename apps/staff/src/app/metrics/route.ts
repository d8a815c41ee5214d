import { metricsResponse } from '@undersigned/metrics';
import { staffMetricsEnv } from '@/server/env';
import { staffMetrics } from '@/server/metrics';

// Prometheus scrape (docs/metrics.md): no staff session, only `Authorization: Bearer
// <METRICS_TOKEN>` (401 otherwise; 404 when no token is set or metrics are off).
export const dynamic = 'force-dynamic';

export async function GET(request: Request): Promise<Response> {
  staffMetrics();
  return metricsResponse(request, staffMetricsEnv());
}
