import { staffEnv } from './env';

/**
 * CSRF guard for state-changing route handlers (server actions are origin-checked by Next):
 * the request's Origin (or, failing that, Referer) must be this app's own origin.
 */
export function isSameOrigin(request: Request): boolean {
  const allowed = new Set([new URL(request.url).origin, new URL(staffEnv().STAFF_URL).origin]);
  const origin = request.headers.get('origin');
  if (origin) return allowed.has(origin);
  const referer = request.headers.get('referer');
  if (!referer) return false;
  try {
    return allowed.has(new URL(referer).origin);
  } catch {
    return false;
  }
}
