import { AppError, listOsdiPersonSignatures } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { withApiKey } from '@/server/api-auth';
import { preflight } from '@/server/http';
import { osdiCollection, personIdParam } from '@/server/osdi-routes';

export const dynamic = 'force-dynamic';

/** A person's signatures on the key's campaigns (404 when the person is not visible to the key). */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  return withApiKey(request, (principal) => {
    const personId = personIdParam(id);
    if (personId === null) throw new AppError('not_found', 'No such person.');
    return osdiCollection(request, 'osdi:signatures', (q, base) => listOsdiPersonSignatures(getDb(), principal, personId, q, base));
  });
}

export function OPTIONS(): Response {
  return preflight();
}
