/**
 * The OSDI signature answered to a record-signature call. Deliberately the same shape for a
 * first and a repeat signature, and it never echoes the email or other personal data back
 * (docs/DESIGN.md invariants 2 and 6).
 */
export interface OsdiSignature {
  identifiers: string[];
  created_date: string;
  modified_date: string;
  /** `pending` until the signer confirms by email, when the campaign asks for it. */
  status: 'pending' | 'confirmed';
  referrer_data: { referrer: string };
  share_url: string;
  _links: Record<string, { href: string }>;
}

export function toOsdiSignature(
  result: { status: 'pending' | 'confirmed'; shareCode: string },
  petition: { slug: string; locale: 'en' | 'es' },
  baseUrl: string,
  now: Date = new Date(),
): OsdiSignature {
  const base = baseUrl.replace(/\/+$/, '');
  const prefix = petition.locale === 'es' ? '/es' : '';
  return {
    identifiers: [`undersigned_share:${result.shareCode}`],
    created_date: now.toISOString(),
    modified_date: now.toISOString(),
    status: result.status,
    referrer_data: { referrer: result.shareCode },
    share_url: `${base}${prefix}/petitions/${petition.slug}?ref=${encodeURIComponent(result.shareCode)}`,
    _links: { 'osdi:petition': { href: `${base}/api/v1/petitions/${petition.slug}` } },
  };
}
