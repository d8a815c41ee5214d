// Next runs register() once when the server starts: the private metrics listener (METRICS_PORT),
// when configured (docs/metrics.md). The public `/metrics` is app/metrics/route.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startStaffMetricsListener } = await import('./server/metrics');
  await startStaffMetricsListener().catch((error: unknown) => console.error('[staff] metrics listener failed to start', error));
}
