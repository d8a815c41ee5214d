import { getDb } from '@undersigned/db';
import { getPublishedCampaign, listPublicResponses, SLUG_PATTERN, toOsdiPetition } from '@undersigned/core';
import { json, preflight } from '@/server/http';
import { publicBaseUrl } from '@/server/public-base-url';

export const dynamic = 'force-dynamic';

/** One OSDI petition, with its targets' responses. Drafts and unknown slugs are 404. */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  const locale = new URL(request.url).searchParams.get('locale') === 'es' ? 'es' : 'en';
  const campaign = SLUG_PATTERN.test(slug) ? await getPublishedCampaign(getDb(), slug, locale) : null;
  if (!campaign) return json({ error: 'not_found', message: 'No such petition.' }, { status: 404 });
  const responses = await listPublicResponses(getDb(), campaign.id, locale);
  return json(toOsdiPetition({ ...campaign, responses }, publicBaseUrl()));
}

export function OPTIONS(): Response {
  return preflight();
}
