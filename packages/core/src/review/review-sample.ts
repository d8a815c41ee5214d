import { Prisma } from '@undersigned/db';

/** One signature as the review screens show it: no email, no full family name, a short IP hash. */
export interface ReviewSignatureRow {
  id: string;
  campaignId: number;
  campaignTitle: string;
  givenName: string;
  /** The family name's first letter, upper-cased ('' when there is none). */
  lastInitial: string;
  city: string | null;
  createdAt: Date;
  status: 'held' | 'fraudulent' | 'invalidated' | 'pending' | 'confirmed';
  heldReason: string | null;
  /** The full IP hash (a keyed hash, never the address), for filtering by it; show ipHashShort. */
  ipHash: string | null;
  ipHashShort: string | null;
  /** The signer clicked the confirmation link (held rows of campaigns that confirm by email). */
  emailConfirmed: boolean;
}

export interface ReviewSignatureSqlRow {
  id: bigint;
  campaign_id: number;
  campaign_title: string | null;
  given_name: string;
  last_initial: string | null;
  locality: string | null;
  created_at: Date;
  status: ReviewSignatureRow['status'];
  held_reason: string | null;
  ip_hash: string | null;
  confirmed_at: Date | null;
}

/** The SELECT list of a review row over `signature s JOIN person p JOIN campaign c` (its title: campaign_translation ct). */
export const REVIEW_ROW_COLUMNS = Prisma.sql`
  s.id, s.campaign_id, ct.title AS campaign_title, s.given_name, upper(left(s.family_name, 1)) AS last_initial, s.locality,
  s.created_at, s.status::text AS status, s.held_reason::text AS held_reason, s.ip_hash, s.confirmed_at`;

/** The joins REVIEW_ROW_COLUMNS needs, after `FROM signature s`. */
export const REVIEW_ROW_JOINS = Prisma.sql`
  JOIN person p ON p.id = s.person_id
  JOIN campaign c ON c.id = s.campaign_id
  LEFT JOIN campaign_translation ct ON ct.campaign_id = c.id AND ct.locale = c.default_locale`;

export function toReviewSignatureRow(r: ReviewSignatureSqlRow): ReviewSignatureRow {
  return {
    id: r.id.toString(),
    campaignId: r.campaign_id,
    campaignTitle: r.campaign_title ?? `Campaign ${r.campaign_id}`,
    givenName: r.given_name,
    lastInitial: r.last_initial ?? '',
    city: r.locality,
    createdAt: r.created_at,
    status: r.status,
    heldReason: r.held_reason,
    ipHash: r.ip_hash,
    ipHashShort: r.ip_hash ? r.ip_hash.slice(0, 10) : null,
    emailConfirmed: r.confirmed_at !== null,
  };
}
