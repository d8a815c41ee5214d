import { can, getImage } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { currentStaff } from '@/server/current-staff';

/** A campaign image, for staff previews (signed-in staff only). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentStaff();
  if (!actor) return new Response('Sign in first.', { status: 401 });
  if (!can(actor, 'campaign.read')) return new Response('Forbidden.', { status: 403 });
  const image = await getImage(getDb(), (await params).id);
  if (!image) return new Response('Not found.', { status: 404 });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'Content-Type': image.contentType,
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': "default-src 'none'",
    },
  });
}
