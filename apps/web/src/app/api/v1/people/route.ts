import { listOsdiPeople } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { withApiKey } from '@/server/api-auth';
import { preflight } from '@/server/http';
import { osdiCollection } from '@/server/osdi-routes';

export const dynamic = 'force-dynamic';

/** osdi:people — the people the key may see, paged (cursor in _links.next), filterable by modified_date / created_date. */
export function GET(request: Request): Promise<Response> {
  return withApiKey(request, (principal) => osdiCollection(request, 'osdi:people', (q, base) => listOsdiPeople(getDb(), principal, q, base)));
}

export function OPTIONS(): Response {
  return preflight();
}
