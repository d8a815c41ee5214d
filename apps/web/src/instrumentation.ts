import type { Instrumentation } from 'next';

// Runs once when the server process boots: refuse to start with a bad environment, naming the
// variable (the build does not need these, so it is checked here rather than in next.config).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { exitOnInvalidEnv } = await import('./server/boot');
  exitOnInvalidEnv();
}

/**
 * An error Next caught while rendering or in a route handler, as one log line with the request's
 * id (server.ts sets X-Request-Id), the route, and the path without its query. Next prints its own too.
 */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const [{ requestErrorFields }, { webLogger }] = await Promise.all([import('@undersigned/log'), import('./server/log')]);
  webLogger().error(requestErrorFields(error, request, context), 'request failed');
};
