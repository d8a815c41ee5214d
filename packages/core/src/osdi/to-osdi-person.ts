import type { EmailStatus, Locale } from '@undersigned/db';

/** The person fields the OSDI person resource is built from (one `person` row). */
export interface OsdiPersonSource {
  id: number;
  givenName: string;
  familyName: string;
  email: string;
  emailStatus: EmailStatus;
  postalCode: string | null;
  locality: string | null;
  region: string | null;
  country: string | null;
  preferredLanguage: Locale;
  createdAt: Date;
  updatedAt: Date;
}

export interface OsdiPerson {
  identifiers: string[];
  origin_system: string;
  given_name: string;
  family_name: string;
  email_addresses: { address: string; primary: true; status: EmailStatus }[];
  postal_addresses: { primary: true; postal_code: string | null; locality: string | null; region: string | null; country: string | null }[];
  languages_spoken: Locale[];
  created_date: string;
  modified_date: string;
  _links: Record<string, { href: string }>;
}

/** A signer as an OSDI person (Action Network conventions). Pure; callers decide who may see it. */
export function toOsdiPerson(p: OsdiPersonSource, baseUrl: string): OsdiPerson {
  const self = `${baseUrl.replace(/\/+$/, '')}/api/v1/people/${p.id}`;
  const hasPlace = p.postalCode !== null || p.locality !== null || p.region !== null || p.country !== null;
  return {
    identifiers: [`undersigned:${p.id}`],
    origin_system: 'Undersigned',
    given_name: p.givenName,
    family_name: p.familyName,
    email_addresses: [{ address: p.email, primary: true, status: p.emailStatus }],
    postal_addresses: hasPlace ? [{ primary: true, postal_code: p.postalCode, locality: p.locality, region: p.region, country: p.country }] : [],
    languages_spoken: [p.preferredLanguage],
    created_date: p.createdAt.toISOString(),
    modified_date: p.updatedAt.toISOString(),
    _links: { self: { href: self }, 'osdi:signatures': { href: `${self}/signatures` } },
  };
}
