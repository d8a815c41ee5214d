import { OSDI_MAX_PER_PAGE } from '@undersigned/core';
import { json, preflight } from '@/server/http';
import { publicBaseUrl } from '@/server/public-base-url';

export const dynamic = 'force-dynamic';

/**
 * The OSDI API entry point (Action Network's "AEP"): what this server is and where each
 * collection lives. No data, so no key needed; the people and signature collections it links to
 * ask for one.
 */
export function GET(): Response {
  const base = `${publicBaseUrl()}/api/v1`;
  return json(
    {
      motd: 'Welcome to the Undersigned OSDI API. People and signatures need an API key (OSDI-API-Token); petitions are public.',
      osdi_version: '1.0',
      vendor_name: 'Undersigned',
      product_name: 'Undersigned',
      max_pagesize: OSDI_MAX_PER_PAGE,
      _links: {
        self: { href: base },
        'osdi:petitions': { href: `${base}/petitions`, title: 'The collection of petitions' },
        'osdi:people': { href: `${base}/people`, title: 'The collection of people (API key)' },
        docs: {
          href: 'https://opensupporter.github.io/osdi-docs/',
          title: 'The OSDI specification (this API: apps/web/README.md, "Authenticated API")',
        },
        curies: [{ name: 'osdi', href: 'http://opensupporter.github.io/osdi-docs/{rel}', templated: true }],
      },
    },
    { headers: { 'Cache-Control': 'public, max-age=300' } },
  );
}

export function OPTIONS(): Response {
  return preflight();
}
