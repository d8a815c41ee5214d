import { can, getCampaignEvent } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { currentStaff } from '@/server/current-staff';
import { eventLink, qrCodeSvg } from '@/server/event-links';
import { recordIdSchema } from '@/server/record-id';

export const dynamic = 'force-dynamic';

/**
 * GET: the QR code of an event's sign-up link as an SVG file to print (`?lang=es` for the Spanish
 * page). Campaigners and admins only (event.manage): the link is what exempts a table's signatures
 * from the per-address limit.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string; eventId: string }> }) {
  const actor = await currentStaff();
  if (!actor) return new Response('Sign in first.', { status: 401 });
  if (!can(actor, 'event.manage')) return new Response('Your role does not allow event links.', { status: 403 });
  const raw = await params;
  const campaignId = recordIdSchema.safeParse(raw.id);
  const eventId = recordIdSchema.safeParse(raw.eventId);
  if (!campaignId.success || !eventId.success) return new Response('Not found.', { status: 404 });
  const event = await getCampaignEvent(getDb(), campaignId.data, eventId.data);
  if (!event) return new Response('Not found.', { status: 404 });
  const locale = new URL(request.url).searchParams.get('lang') === 'es' ? 'es' : 'en';
  const svg = await qrCodeSvg(eventLink(event.campaign.slug, event.code, locale));
  const name = `${event.campaign.slug}-event-${event.id}${locale === 'es' ? '-es' : ''}-qr.svg`;
  return new Response(svg, {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
