/**
 * The client's IP, for rate limits (only ever hashed, never stored raw).
 *
 * x-forwarded-for is a list each proxy appends to, so only its right end can be trusted: with
 * `trustedHops` proxies in front of the app (each appending the address it saw), the client is
 * the entry `trustedHops` from the right. Everything further left was written by the client
 * and is ignored. `next start` alone fills the header from the socket only when the request
 * has none, so without a proxy a client can still choose it: run behind one (see the README).
 */
export function clientIpFrom(headers: Pick<Headers, 'get'>, trustedHops = 1): string {
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = Math.max(1, trustedHops);
  const ip = entries.length >= hops ? entries[entries.length - hops] : entries[0];
  return ip || headers.get('x-real-ip')?.trim() || 'unknown';
}
