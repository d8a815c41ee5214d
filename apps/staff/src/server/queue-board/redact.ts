// What the queue dashboard may show of a job. Our payloads carry ids only (packages/jobs
// payloads.ts), but the dashboard must not trust that: job data, return values and progress go
// through an allow-list (numbers and booleans anywhere; strings only under id-like keys, and only
// when they look like an id), and every string the board API answers — failed reasons, stack
// traces, logs, options — has email addresses masked (an SMTP error may quote a recipient).

export const REDACTED = '[redacted]';
export const EMAIL_REDACTED = '[email redacted]';

/** Keys whose string values may be shown when they look like an id or a short status word. */
const SHOWN_STRING_KEY = /^(id|[a-z][A-Za-z0-9]*Id|outcome|status|state|trigger|decision|kind|reason|queue)$/;
/** An id (uuid, decimal, our job ids) or a status word: no spaces, no '@', at most 80 characters. */
const ID_LIKE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/;
/** Anything shaped like an email address (local@domain.tld), anywhere in a string. */
const EMAIL_LIKE = /[^\s@<>()[\]",;:]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MAX_DEPTH = 6;

function showScalar(key: string | undefined, value: unknown): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : REDACTED;
  if (typeof value === 'string') return key !== undefined && SHOWN_STRING_KEY.test(key) && ID_LIKE.test(value) ? value : REDACTED;
  return REDACTED;
}

function show(key: string | undefined, value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return depth >= MAX_DEPTH ? REDACTED : value.slice(0, 100).map((v) => show(key, v, depth + 1));
  if (value !== null && typeof value === 'object') {
    if (depth >= MAX_DEPTH) return REDACTED;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, show(k, v, depth + 1)]));
  }
  return showScalar(key, value);
}

/**
 * The Bull Board formatter for job data, return values and progress: the same shape with every
 * value that is not a number, a boolean or an id under an id-like key replaced by "[redacted]".
 * `{ deliveryId: 'b0…' }` stays; `{ email: 'ana@example.org' }` or a free-text string does not.
 */
export function showIdsOnly(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== 'object') return showScalar(undefined, value);
  return show(undefined, value, 0);
}

/** A string with every email-like substring replaced by "[email redacted]". */
export function maskEmails(text: string): string {
  return text.replace(EMAIL_LIKE, EMAIL_REDACTED);
}

/** Deep copy of a JSON value with email-like substrings masked in every string (keys included). */
export function maskEmailsDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (Array.isArray(value)) return value.map(maskEmailsDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskEmails(k), maskEmailsDeep(v)]));
  }
  return value;
}
