import { AppError, getOsdiPerson } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { withApiKey } from '@/server/api-auth';
import { preflight } from '@/server/http';
import { personIdParam } from '@/server/osdi-routes';
import { publicBaseUrl } from '@/server/public-base-url';

export const dynamic = 'force-dynamic';

/** One person (404 when erased, anonymised or outside the key's campaigns). */
export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  return withApiKey(request, async (principal) => {
    const personId = personIdParam(id);
    if (personId === null) throw new AppError('not_found', 'No such person.');
    return getOsdiPerson(getDb(), principal, personId, publicBaseUrl());
  });
}

export function OPTIONS(): Response {
  return preflight();
}
