import { getDb } from '@undersigned/db';
import { getImage } from '@undersigned/core';

export const dynamic = 'force-dynamic';

/**
 * Campaign images uploaded in the staff app (stored in Postgres so any web process can serve
 * them). Immutable: a new upload gets a new id, so browsers and proxies may cache for a year.
 */
export async function GET(_request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  const image = await getImage(getDb(), id);
  if (!image) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      'Content-Type': image.contentType,
      'Content-Length': String(image.bytes.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
