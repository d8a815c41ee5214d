// The dashboard is read-mostly (issue 16): every read, and of the actions only retrying failed
// jobs and cleaning finished ones. Enforced here, on the server, by an allow-list of the routes
// Bull Board registers — a route this list does not name (pause, resume, add, promote, remove a
// job, empty, obliterate, update data, change delay or priority, rate limits, schedulers, any
// route a later Bull Board version adds) is refused, whatever the UI shows.

export type BoardMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PolicyVerdict = { allowed: true } | { allowed: false; reason: string };

/** Job states a failed-job retry may start from (the route itself would also retry completed jobs). */
const RETRYABLE_STATES = new Set(['failed']);
/** Job states "clean" may remove: finished jobs only, never work still waiting or running. */
const CLEANABLE_STATUSES = new Set(['completed', 'failed']);

/**
 * Mutating routes that are allowed, keyed by "method route" exactly as Bull Board registers
 * them; each checks its parameters. Retrying one job also needs the job to be failed, which
 * the adapter checks against Redis (`needsFailedJob`).
 */
const ALLOWED_MUTATIONS: Record<string, (params: Record<string, string>) => boolean> = {
  'put /api/queues/:queueName/:jobId/retry': () => true,
  'put /api/queues/:queueName/retry/:queueStatus': (p) => RETRYABLE_STATES.has(p.queueStatus ?? ''),
  'put /api/queues/:queueName/clean/:queueStatus': (p) => CLEANABLE_STATUSES.has(p.queueStatus ?? ''),
};

export const REFUSED_MESSAGE = 'The queue dashboard is read-mostly: only retrying failed jobs and cleaning finished jobs are allowed.';

/** May this request, matched to the Bull Board route `route`, run? Reads always may. */
export function boardRoutePolicy(method: BoardMethod, route: string, params: Record<string, string>): PolicyVerdict {
  if (method === 'get') return { allowed: true };
  const check = ALLOWED_MUTATIONS[`${method} ${route}`];
  return check?.(params) ? { allowed: true } : { allowed: false, reason: REFUSED_MESSAGE };
}

/** The single-job retry: allowed only while the job is failed (checked by the adapter). */
export function needsFailedJob(method: BoardMethod, route: string): boolean {
  return method === 'put' && route === '/api/queues/:queueName/:jobId/retry';
}

export function isRetryableState(state: string): boolean {
  return RETRYABLE_STATES.has(state);
}
