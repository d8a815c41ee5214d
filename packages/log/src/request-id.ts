import { randomUUID } from 'node:crypto';

/** What an `X-Request-Id` from the proxy may look like to be kept (anything else is replaced). */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The request id of an HTTP request: the proxy's `X-Request-Id` when it is a sane token (so one id
 * follows a request from nginx's log into ours), else a new UUID. Logged as `reqId`.
 */
export function requestIdFrom(header: string | string[] | null | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}
