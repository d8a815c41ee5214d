import type { Locale } from '@undersigned/db';
import type { PublicTarget } from '../campaigns/get-published-campaign';
import type { PublicResponse } from '../campaigns/list-public-responses';

/** The fields of a public campaign the OSDI petition resource is built from. */
export interface OsdiPetitionSource {
  id: number;
  slug: string;
  status: string;
  locale: Locale;
  title: string;
  ask: string;
  body: string;
  summary: string | null;
  goal: number;
  imageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  targets: PublicTarget[];
  count: number;
  /** The targets' responses (listPublicResponses), newest first; omitted → []. */
  responses?: readonly PublicResponse[];
}

export interface OsdiPetition {
  identifiers: string[];
  origin_system: string;
  title: string;
  description: string;
  summary: string | null;
  petition_text: string;
  browser_url: string;
  featured_image_url: string;
  total_signatures: number;
  goal: number;
  status: string;
  target: { title: string; given_name: string | null; family_name: string | null; organization: string | null }[];
  /** Undersigned extension: the targets' responses, newest first (apps/web/README.md, OSDI). */
  responses: OsdiPetitionResponse[];
  created_date: string;
  modified_date: string;
  _links: Record<string, { href: string } | { href: string }[]>;
}

export interface OsdiPetitionResponse {
  identifiers: string[];
  target: { title: string; given_name: string | null; family_name: string | null; organization: string | null };
  /** The day the target responded, YYYY-MM-DD. */
  responded_date: string;
  stance: 'supports' | 'opposes' | 'no_commitment';
  /** Markdown, as staff wrote it in each language (null when not written in that one). */
  text: { en: string | null; es: string | null };
  url: string | null;
}

/** A campaign as an OSDI petition (Action Network conventions). Pure. */
export function toOsdiPetition(c: OsdiPetitionSource, baseUrl: string): OsdiPetition {
  const base = baseUrl.replace(/\/+$/, '');
  const prefix = c.locale === 'es' ? '/es' : '';
  const self = `${base}/api/v1/petitions/${c.slug}`;
  return {
    identifiers: [`undersigned:${c.id}`, `undersigned_slug:${c.slug}`],
    origin_system: 'Undersigned',
    title: c.title,
    description: c.body,
    summary: c.summary,
    petition_text: c.ask,
    browser_url: `${base}${prefix}/petitions/${c.slug}`,
    // The campaign's own picture when staff uploaded one, else the share card (next/og), which
    // is always there and shows the title, target and live count.
    featured_image_url: c.imageId ? `${base}/images/${c.imageId}` : `${base}/og/petitions/${c.slug}`,
    total_signatures: c.count,
    goal: c.goal,
    status: c.status,
    target: c.targets.map((t) => ({
      title: t.title,
      given_name: t.givenName,
      family_name: t.familyName,
      organization: t.organization,
    })),
    responses: (c.responses ?? []).map((r) => ({
      identifiers: [`undersigned_response:${r.id}`],
      target: { title: r.target.title, given_name: r.target.givenName, family_name: r.target.familyName, organization: r.target.organization },
      responded_date: r.respondedOn,
      stance: r.stance,
      text: r.texts,
      url: r.url,
    })),
    created_date: c.createdAt.toISOString(),
    modified_date: c.updatedAt.toISOString(),
    _links: {
      self: { href: self },
      'osdi:signatures': { href: `${self}/signatures` },
      'osdi:record_signature_helper': { href: `${self}/signatures` },
    },
  };
}
