import { createHmac } from 'node:crypto';

/**
 * Keyed hash of a client IP (HMAC-SHA256 with a server secret, hex). Lets staff group abuse by
 * IP without the raw address ever being stored; without the secret the hash cannot be reversed
 * by enumerating the IPv4 space.
 */
export function hashIp(ip: string, secret: string): string {
  return createHmac('sha256', secret).update(ip.trim().toLowerCase()).digest('hex');
}
