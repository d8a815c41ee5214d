import { AppError, getOsdiSignature } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { withApiKey } from '@/server/api-auth';
import { preflight } from '@/server/http';
import { signatureIdParam } from '@/server/osdi-routes';
import { publicBaseUrl } from '@/server/public-base-url';

export const dynamic = 'force-dynamic';

/** One signature of a petition (403 outside the key's campaigns, 404 unknown or erased). */
export async function GET(request: Request, ctx: { params: Promise<{ slug: string; id: string }> }): Promise<Response> {
  const { slug, id } = await ctx.params;
  return withApiKey(request, async (principal) => {
    const signatureId = signatureIdParam(id);
    if (signatureId === null) throw new AppError('not_found', 'No such signature.');
    return getOsdiSignature(getDb(), principal, slug, signatureId, publicBaseUrl());
  });
}

export function OPTIONS(): Response {
  return preflight();
}
