import type { Instrumentation } from 'next';

/**
 * At boot: what Next and libraries print from now on (render errors, next-auth) goes out as log
 * lines too; and the private metrics listener (METRICS_PORT), when configured (docs/metrics.md).
 * The public `/metrics` is app/metrics/route.ts.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ routeConsoleTo }, { staffLogger }] = await Promise.all([import('@undersigned/log'), import('./server/log')]);
  routeConsoleTo(staffLogger());
  const { startStaffMetricsListener } = await import('./server/metrics');
  await startStaffMetricsListener().catch((error: unknown) => staffLogger().error({ err: error }, 'metrics listener failed to start'));
}

/**
 * An error Next caught while rendering or in a route handler, as one log line (Next also prints
 * its own): the route, the method and the path without its query (a search may be an email
 * address), the request id a proxy gave, and the error's type, message and digest.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ requestErrorFields }, { staffLogger }] = await Promise.all([import('@undersigned/log'), import('./server/log')]);
  staffLogger().error(requestErrorFields(error, request, context), 'request failed');
};
