import { createHash, randomBytes } from 'node:crypto';

/** Every key starts with this, so a leaked one is recognisable (and greppable by secret scanners). */
export const API_KEY_PREFIX = 'us_';

/** `us_` + 43 base64url characters (32 random bytes). */
export const API_KEY_PATTERN = /^us_[A-Za-z0-9_-]{43}$/;

/** How many leading characters of a key are kept in clear, to tell keys apart in lists. */
export const API_KEY_SHOWN_CHARS = 10;

/** A new secret, its stored hash and the part staff may see again. */
export function generateApiKeySecret(): { secret: string; hash: string; prefix: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiKeySecret(secret), prefix: secret.slice(0, API_KEY_SHOWN_CHARS) };
}

/**
 * SHA-256 (hex) of a key. A plain hash suffices: the secret has 256 random bits, so there is
 * nothing to brute-force, and the lookup stays one unique-index probe per request.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
