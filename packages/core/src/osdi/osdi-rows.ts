// The SQL the authenticated OSDI verbs share: which columns make a person and a signature
// resource, and which people an API key may see. Pure values; the verbs run them.
import { Prisma, type EmailStatus, type Locale, type SignatureStatus } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import type { OsdiPersonSource } from './to-osdi-person';
import type { OsdiSignatureSource } from './to-osdi-signature-resource';

export const PERSON_COLUMNS = Prisma.sql`p.id, p.given_name, p.family_name, p.email, p.email_status::text AS email_status, p.postal_code,
  p.locality, p.region, p.country, p.preferred_language::text AS preferred_language, p.created_at, p.updated_at`;

export interface PersonRow {
  id: number;
  given_name: string;
  family_name: string;
  email: string;
  email_status: string;
  postal_code: string | null;
  locality: string | null;
  region: string | null;
  country: string | null;
  preferred_language: string;
  created_at: Date;
  updated_at: Date;
}

export function personSource(r: PersonRow): OsdiPersonSource {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    emailStatus: r.email_status as EmailStatus,
    postalCode: r.postal_code,
    locality: r.locality,
    region: r.region,
    country: r.country,
    preferredLanguage: r.preferred_language as Locale,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * The people (alias `p`) a key may see: never an anonymised one (data retention keeps the row as
 * `anonymized-<id>@invalid` with no name; erased people have no row at all), and with a
 * campaign-limited key only those who signed one of its campaigns.
 */
export function visiblePeople(principal: ApiKeyPrincipal): Prisma.Sql[] {
  const where = [Prisma.sql`p.canonical_email <> 'anonymized-' || p.id || '@invalid'`];
  if (principal.campaignIds.length) {
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM signature sv WHERE sv.person_id = p.id AND sv.campaign_id = ANY(${principal.campaignIds}::int[]))`);
  }
  return where;
}

/** Signature `s` joined to its campaign `c`. */
export const SIGNATURE_COLUMNS = Prisma.sql`s.id, c.slug AS campaign_slug, s.person_id, s.status::text AS status, s.comment, s.source,
  s.referrer_code, s.share_code, s.locale::text AS locale, s.created_at, COALESCE(s.status_changed_at, s.created_at) AS modified_at`;

export interface SignatureRow {
  id: bigint;
  campaign_slug: string;
  person_id: number;
  status: string;
  comment: string | null;
  source: string | null;
  referrer_code: string | null;
  share_code: string;
  locale: string;
  created_at: Date;
  modified_at: Date;
}

export function signatureSource(r: SignatureRow): OsdiSignatureSource {
  return {
    id: r.id,
    campaignSlug: r.campaign_slug,
    personId: r.person_id,
    status: r.status as SignatureStatus,
    comment: r.comment,
    source: r.source,
    referrerCode: r.referrer_code,
    shareCode: r.share_code,
    locale: r.locale as Locale,
    createdAt: r.created_at,
    modifiedAt: r.modified_at,
  };
}
