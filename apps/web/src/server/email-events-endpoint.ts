import { createHash, timingSafeEqual } from 'node:crypto';
import { emailEventsInputSchema, recordEmailEvents } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { webEnv } from '@/server/env';
import { webLogger } from '@/server/log';

/** 100 events of a few hundred bytes each, with room to spare. */
export const MAX_EMAIL_EVENTS_BODY_BYTES = 64 * 1024;

export interface EmailEventsAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/** Compares the bearer token with the secret in constant time (hashing first hides the length). */
export function bearerMatches(authorization: string | null, secret: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(m[1]!), digest(secret));
}

/** Is the endpoint on (EMAIL_EVENTS_SECRET set), and is this caller the mail provider? */
export function authorizeEmailEvents(authorization: string | null): EmailEventsAnswer | null {
  const secret = webEnv().EMAIL_EVENTS_SECRET;
  if (!secret) {
    return {
      status: 503,
      body: { error: 'not_configured', message: 'Email events are off: set EMAIL_EVENTS_SECRET on the public app to accept them.' },
    };
  }
  if (!bearerMatches(authorization, secret)) {
    return {
      status: 401,
      headers: { 'WWW-Authenticate': 'Bearer' },
      body: { error: 'unauthorized', message: 'A valid Authorization: Bearer token is required.' },
    };
  }
  return null;
}

/**
 * POST /api/v1/email-events (issue 12 part 5): a mail provider's bounce and complaint
 * notifications, authorized by authorizeEmailEvents first. Bad JSON or a bad shape → 400 with
 * zod's issues and nothing recorded (the whole batch is parsed before anything is written). A
 * batch that suppressed or re-confirmed something → 200; one made only of ignored events
 * (transient bounces) → 202. Both carry the counts.
 */
export async function handleEmailEvents(body: string): Promise<EmailEventsAnswer> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { status: 400, body: { error: 'invalid_json', message: 'The body is not JSON.' } };
  }
  const parsed = emailEventsInputSchema.safeParse(json);
  if (!parsed.success) {
    return {
      status: 400,
      body: {
        error: 'validation',
        message: 'Not a bounce or complaint event (or an array of 1 to 100 of them).',
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    };
  }
  try {
    const result = await recordEmailEvents(getDb(), parsed.data, webEnv().CONFIRM_TOKEN_SECRET);
    const status = result.suppressed + result.duplicates > 0 ? 200 : 202;
    return { status, body: { received: parsed.data.length, ...result } };
  } catch (error) {
    webLogger().error({ err: error }, 'email events failed');
    return { status: 503, headers: { 'Retry-After': '5' }, body: { error: 'unavailable', message: 'Could not record the events. Please retry.' } };
  }
}
