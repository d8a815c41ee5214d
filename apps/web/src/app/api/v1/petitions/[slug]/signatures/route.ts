import { listOsdiPetitionSignatures } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { presentedApiKey, withApiKey } from '@/server/api-auth';
import { clientIpFrom } from '@/server/client-ip';
import { webEnv } from '@/server/env';
import { BodyTooLargeError, json, preflight, readBoundedText } from '@/server/http';
import { osdiCollection } from '@/server/osdi-routes';
import { handleSignPost } from '@/server/sign-endpoint';

export const dynamic = 'force-dynamic';

/**
 * Records a signature (OSDI JSON → 200/400; HTML form → 303). All rules live in handleSignPost,
 * which the production server's fast path (server.ts) calls directly.
 */
export async function POST(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  let body: string;
  try {
    body = await readBoundedText(request);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return json({ error: 'payload_too_large', message: 'Request body too large.' }, { status: 413 });
    throw error;
  }
  const answer = await handleSignPost({
    slug,
    contentType: request.headers.get('content-type') ?? '',
    body,
    ip: clientIpFrom(request.headers, webEnv().TRUSTED_PROXY_HOPS),
    locale: new URL(request.url).searchParams.get('locale'),
    apiKey: presentedApiKey(request.headers),
    // Set by server.ts on every request it hands to Next (absent under `next dev`).
    reqId: request.headers.get('x-request-id') ?? undefined,
  });
  return new Response(answer.body === null ? null : JSON.stringify(answer.body), {
    status: answer.status,
    headers: answer.headers,
  });
}

/**
 * osdi:signatures of a petition, with an API key (401 without; 403 for a key limited to other
 * campaigns): every signature with its status, paged by cursor, filterable by modified_date.
 */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  return withApiKey(request, (principal) =>
    osdiCollection(request, 'osdi:signatures', (q, base) => listOsdiPetitionSignatures(getDb(), principal, slug, q, base)),
  );
}

export function OPTIONS(): Response {
  return preflight();
}
