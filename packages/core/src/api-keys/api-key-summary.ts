import type { ApiKeyScope, Prisma } from '@undersigned/db';

/** A campaign as the API key pages show it (title in the campaign's default language). */
export interface ApiKeyCampaign {
  id: number;
  slug: string;
  title: string;
}

/** What staff may see of a key, ever: no secret and no hash. */
export interface ApiKeySummary {
  id: string;
  name: string;
  /** The secret's first characters ("us_AbC1234"), to tell keys apart. */
  prefix: string;
  scope: ApiKeyScope;
  /** 'all': every campaign, including future ones. */
  campaigns: ApiKeyCampaign[] | 'all';
  rateLimitPerMinute: number;
  createdAt: Date;
  createdBy: { name: string | null; email: string } | null;
  lastUsedAt: Date | null;
  rotatedAt: Date | null;
  revokedAt: Date | null;
  /** Until when the secret replaced by the last rotation still works; null when it no longer does. */
  previousSecretValidUntil: Date | null;
}

/** The columns a summary is built from: a select that never reads the hashes. */
export const API_KEY_SUMMARY_SELECT = {
  id: true,
  name: true,
  prefix: true,
  scope: true,
  campaignIds: true,
  rateLimitPerMinute: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  rotatedAt: true,
  revokedAt: true,
  previousExpiresAt: true,
} as const satisfies Prisma.ApiKeySelect;

export type ApiKeySummaryRow = Prisma.ApiKeyGetPayload<{ select: typeof API_KEY_SUMMARY_SELECT }>;

/**
 * Builds the summary of a key row. A campaign id with no campaign any more (not expected: campaigns
 * are not deleted) shows as its number.
 */
export function toApiKeySummary(
  row: ApiKeySummaryRow,
  campaigns: ReadonlyMap<number, ApiKeyCampaign>,
  users: ReadonlyMap<string, { name: string | null; email: string }>,
  now: Date = new Date(),
): ApiKeySummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    campaigns: row.campaignIds.length === 0 ? 'all' : row.campaignIds.map((id) => campaignOf(id, campaigns)),
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt,
    createdBy: row.createdById ? (users.get(row.createdById) ?? null) : null,
    lastUsedAt: row.lastUsedAt,
    rotatedAt: row.rotatedAt,
    revokedAt: row.revokedAt,
    previousSecretValidUntil: !row.revokedAt && row.previousExpiresAt && row.previousExpiresAt > now ? row.previousExpiresAt : null,
  };
}

function campaignOf(id: number, campaigns: ReadonlyMap<number, ApiKeyCampaign>): ApiKeyCampaign {
  const c = campaigns.get(id);
  return c ? { id: c.id, slug: c.slug, title: c.title } : { id, slug: String(id), title: `Campaign ${id}` };
}
