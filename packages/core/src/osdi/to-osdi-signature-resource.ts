import type { Locale, SignatureStatus } from '@undersigned/db';

/** The signature fields the authenticated OSDI signature resource is built from. */
export interface OsdiSignatureSource {
  id: bigint;
  campaignSlug: string;
  personId: number;
  status: SignatureStatus;
  comment: string | null;
  source: string | null;
  referrerCode: string | null;
  shareCode: string;
  locale: Locale;
  createdAt: Date;
  /** status_changed_at (set at creation and at every status change). */
  modifiedAt: Date;
}

export interface OsdiSignatureResource {
  identifiers: string[];
  origin_system: string;
  created_date: string;
  modified_date: string;
  /** confirmed counts; pending awaits email confirmation; held awaits review (issue 15); fraudulent and invalidated were moderated out. */
  status: SignatureStatus;
  comments: string | null;
  language: Locale;
  referrer_data: { source: string | null; referrer: string | null };
  /** Undersigned extension: this signer's own share link. */
  share_url: string;
  _links: Record<string, { href: string }>;
}

/**
 * A signature as the authenticated OSDI API (and webhook payloads) show it: links to its petition
 * and person, never the person's data itself. Pure. (The keyless record-signature answer is the
 * blind toOsdiSignature.)
 */
export function toOsdiSignatureResource(s: OsdiSignatureSource, baseUrl: string): OsdiSignatureResource {
  const base = baseUrl.replace(/\/+$/, '');
  const petition = `${base}/api/v1/petitions/${s.campaignSlug}`;
  const prefix = s.locale === 'es' ? '/es' : '';
  return {
    identifiers: [`undersigned:${s.id}`, `undersigned_share:${s.shareCode}`],
    origin_system: 'Undersigned',
    created_date: s.createdAt.toISOString(),
    modified_date: s.modifiedAt.toISOString(),
    status: s.status,
    comments: s.comment,
    language: s.locale,
    referrer_data: { source: s.source, referrer: s.referrerCode },
    share_url: `${base}${prefix}/petitions/${s.campaignSlug}?ref=${encodeURIComponent(s.shareCode)}`,
    _links: {
      self: { href: `${petition}/signatures/${s.id}` },
      'osdi:petition': { href: petition },
      'osdi:person': { href: `${base}/api/v1/people/${s.personId}` },
    },
  };
}
