// API key fixtures for integration tests: a key row straight through Prisma (the staff verbs that
// create keys have their own tests), in any state the key matrix needs.
import type { Db } from '@undersigned/db';
import { generateApiKeySecret } from '../api-keys/api-key-secret';

export interface ApiKeyFixture {
  name?: string;
  scope?: 'read' | 'write';
  campaignIds?: number[];
  rateLimitPerMinute?: number;
  revoked?: boolean;
  /** Rotated: the returned `previous` secret is accepted until this instant. */
  previousExpiresAt?: Date;
}

/** Inserts a key; returns its id and secret (and the rotated-out one when asked for). */
export async function insertApiKey(db: Db, fixture: ApiKeyFixture = {}): Promise<{ id: string; secret: string; previous: string | null }> {
  const current = generateApiKeySecret();
  const previous = fixture.previousExpiresAt ? generateApiKeySecret() : null;
  const row = await db.apiKey.create({
    data: {
      name: fixture.name ?? 'Test CRM',
      scope: fixture.scope ?? 'read',
      prefix: current.prefix,
      secretHash: current.hash,
      previousSecretHash: previous?.hash ?? null,
      previousExpiresAt: fixture.previousExpiresAt ?? null,
      rotatedAt: previous ? new Date() : null,
      campaignIds: fixture.campaignIds ?? [],
      rateLimitPerMinute: fixture.rateLimitPerMinute ?? 600,
      revokedAt: fixture.revoked ? new Date() : null,
    },
  });
  return { id: row.id, secret: current.secret, previous: previous?.secret ?? null };
}
