import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The confirmation token emailed for a pending signature. Derived (HMAC) from the signature's
 * share code and a server secret, so nothing secret sits in Redis job payloads and a lost
 * email job can be re-sent from Postgres alone; only its SHA-256 is stored.
 */
export function deriveConfirmToken(shareCode: string, secret: string): string {
  return createHmac('sha256', secret).update(`confirm:${shareCode}`).digest('base64url');
}

/** SHA-256 (hex) of a confirmation token: what the signature row stores. */
export function hashConfirmToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function confirmTokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashConfirmToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
