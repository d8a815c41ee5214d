import type { Db } from '@undersigned/db';
import { getLogger } from '@undersigned/log';
import { API_KEY_PATTERN, hashApiKeySecret } from './api-key-secret';

/** Who is calling the authenticated API: an API key, as much as the API needs to know of it. */
export interface ApiKeyPrincipal {
  keyId: string;
  name: string;
  /** `write` may also record signatures; `read` only reads. */
  scope: 'read' | 'write';
  /** The campaigns this key may read and write; empty means every campaign. */
  campaignIds: number[];
  rateLimitPerMinute: number;
}

/** last_used_at is written at most this often per key, so a busy key does not write on every request. */
const LAST_USED_GRANULARITY_MS = 60_000;

/** May this key see (or sign on) that campaign? */
export function apiKeyCoversCampaign(principal: ApiKeyPrincipal, campaignId: number): boolean {
  return principal.campaignIds.length === 0 || principal.campaignIds.includes(campaignId);
}

/**
 * The key a request presents, or null (malformed, unknown, revoked, or a rotated-out secret past
 * its grace period). A malformed secret is refused without a query. One indexed lookup per
 * request and no cache, so a revocation takes effect on the very next request. The current
 * secret is always accepted; the previous one only until `previous_expires_at` (rotation).
 * last_used_at moves by a conditional UPDATE at most once a minute, not awaited: the answer never
 * waits on bookkeeping, and a failure there is logged, never thrown.
 */
export async function authenticateApiKey(db: Db, secret: string, now: Date = new Date()): Promise<ApiKeyPrincipal | null> {
  if (!API_KEY_PATTERN.test(secret)) return null;
  const hash = hashApiKeySecret(secret);
  const key = await db.apiKey.findFirst({
    where: {
      revokedAt: null,
      OR: [{ secretHash: hash }, { previousSecretHash: hash, previousExpiresAt: { gt: now } }],
    },
    select: { id: true, name: true, scope: true, campaignIds: true, rateLimitPerMinute: true, lastUsedAt: true },
  });
  if (!key) return null;
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_GRANULARITY_MS) {
    const stale = new Date(now.getTime() - LAST_USED_GRANULARITY_MS);
    db.apiKey
      .updateMany({ where: { id: key.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] }, data: { lastUsedAt: now } })
      .catch((error: unknown) =>
        getLogger('core').warn({ component: 'api', apiKeyId: key.id, err: error }, 'last_used_at of an API key not recorded'),
      );
  }
  return {
    keyId: key.id,
    name: key.name,
    scope: key.scope,
    campaignIds: [...key.campaignIds].sort((a, b) => a - b),
    rateLimitPerMinute: key.rateLimitPerMinute,
  };
}
