import { createHmac } from 'node:crypto';

/**
 * The suppression list's key for an address: HMAC-SHA256 (hex) of the canonical email under a
 * key derived from the signer-token secret (CONFIRM_TOKEN_SECRET). An entry outlives the
 * person's erasure without keeping their address, and cannot be reversed by guessing addresses
 * without the secret.
 *
 * The same HMAC is computed inside Postgres by `suppressionHashSql` (built-in sha256, no
 * extension), so the audience of an update is filtered in one query.
 */
export function suppressionHash(canonicalEmail: string, secret: string): string {
  return createHmac('sha256', suppressionKey(secret)).update(canonicalEmail, 'utf8').digest('hex');
}

function suppressionKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('suppression-list:v1').digest();
}

/**
 * HMAC's inner and outer pads for the derived key (RFC 2104: key zero-padded to SHA-256's
 * 64-byte block, XOR 0x36 and 0x5c), passed to SQL as two bytea parameters.
 */
export function suppressionHashPads(secret: string): { inner: Buffer; outer: Buffer } {
  const key = Buffer.alloc(64);
  suppressionKey(secret).copy(key);
  return { inner: Buffer.from(key.map((b) => b ^ 0x36)), outer: Buffer.from(key.map((b) => b ^ 0x5c)) };
}

/**
 * SQL for suppressionHash(column): `$inner`/`$outer` are the placeholders carrying
 * suppressionHashPads(secret).inner/.outer (bytea).
 */
export function suppressionHashSql(column: string, inner: string, outer: string): string {
  return `encode(sha256(${outer} || sha256(${inner} || convert_to(${column}, 'UTF8'))), 'hex')`;
}
