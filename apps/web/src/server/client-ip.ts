/**
 * The client's IP from request headers. `next start` sets x-forwarded-for from the socket; behind
 * a reverse proxy the proxy's value comes first. Only ever hashed (hashIp), never stored raw.
 */
export function clientIpFrom(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const first = forwarded?.split(',')[0]?.trim();
  return first || headers.get('x-real-ip')?.trim() || 'unknown';
}
