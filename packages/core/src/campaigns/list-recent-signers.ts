import type { Db } from '@undersigned/db';

/** What the public may see of a signer (docs/DESIGN.md invariant 6): first name, last initial, city. */
export interface PublicSigner {
  /** "Ana G." */
  name: string;
  /** City from the postal code, when known. */
  city: string | null;
  signedAt: Date;
}

/**
 * The latest counted signers of a campaign, reduced to first name + last initial + city, and
 * only when the campaign shows recent signers. Never returns emails, full family names, postal
 * codes or comments.
 */
export async function listRecentSigners(db: Db, campaignId: number, limit = 8): Promise<PublicSigner[]> {
  const rows = await db.$queryRaw<{ given_name: string; family_name: string; locality: string | null; confirmed_at: Date }[]>`
    SELECT s.given_name, s.family_name, s.locality, s.confirmed_at
    FROM signature s JOIN campaign c ON c.id = s.campaign_id
    WHERE s.campaign_id = ${campaignId} AND s.status = 'confirmed' AND c.show_recent_signers
      AND c.status <> 'draft'
    ORDER BY s.created_at DESC
    LIMIT ${Math.min(Math.max(limit, 0), 50)}`;
  return rows.map((r) => ({
    name: publicSignerName(r.given_name, r.family_name),
    city: r.locality ? titleCase(r.locality) : null,
    signedAt: r.confirmed_at,
  }));
}

export function publicSignerName(givenName: string, familyName: string): string {
  const first = givenName.trim().split(/\s+/)[0] ?? '';
  const initial = Array.from(familyName.trim())[0];
  return initial ? `${first} ${initial.toUpperCase()}.` : first;
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}
