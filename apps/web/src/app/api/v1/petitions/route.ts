import { z } from 'zod';
import { getDb } from '@undersigned/db';
import { listPublicResponses, listPublishedCampaigns, toOsdiPetition } from '@undersigned/core';
import { json, preflight } from '@/server/http';
import { publicBaseUrl } from '@/server/public-base-url';

export const dynamic = 'force-dynamic';

const query = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  per_page: z.coerce.number().int().min(1).max(100).catch(25),
  locale: z.enum(['en', 'es']).catch('en'),
});

/** OSDI collection of public petitions (published, closed and won), newest first. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const q = query.parse(Object.fromEntries(url.searchParams));
  const { items, total } = await listPublishedCampaigns(getDb(), {
    locale: q.locale,
    statuses: ['published', 'closed', 'victory'],
    order: 'recent',
    page: q.page,
    perPage: q.per_page,
  });
  const base = publicBaseUrl();
  const totalPages = Math.max(1, Math.ceil(total / q.per_page));
  const link = (page: number) => ({ href: `${base}/api/v1/petitions?page=${page}&per_page=${q.per_page}` });
  const responses = await listPublicResponses(
    getDb(),
    items.map((c) => c.id),
    q.locale,
  );
  const petitions = items.map((c) => toOsdiPetition({ ...c, responses: responses.filter((r) => r.campaignId === c.id) }, base));
  return json({
    total_pages: totalPages,
    per_page: q.per_page,
    page: q.page,
    total_records: total,
    _links: {
      self: link(q.page),
      ...(q.page < totalPages ? { next: link(q.page + 1) } : {}),
      ...(q.page > 1 ? { previous: link(q.page - 1) } : {}),
      'osdi:petitions': petitions.map((p) => p._links.self),
    },
    _embedded: { 'osdi:petitions': petitions },
  });
}

export function OPTIONS(): Response {
  return preflight();
}
