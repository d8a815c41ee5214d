import { Prisma, type Db } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import type { OsdiCollectionQuery } from './parse-osdi-collection-query';
import { PERSON_COLUMNS, personSource, visiblePeople, type PersonRow } from './osdi-rows';
import { runOsdiPageQuery, type OsdiPage, type OsdiPageSource } from './run-osdi-page-query';
import { toOsdiPerson, type OsdiPerson } from './to-osdi-person';

/**
 * GET /api/v1/people: the people a key may see (visiblePeople), one page. Ordered by id, or by
 * (updated_at, id) / (created_at, id) when filtered by modified_date / created_date — the
 * person(updated_at, id) and person(created_at, id) indexes.
 */
export async function listOsdiPeople(db: Db, principal: ApiKeyPrincipal, query: OsdiCollectionQuery, baseUrl: string): Promise<OsdiPage<OsdiPerson>> {
  const page = await runOsdiPageQuery<PersonRow>(db, peopleSource(principal), query);
  return { ...page, items: page.items.map((r) => toOsdiPerson(personSource(r), baseUrl)) };
}

/** The collection's SQL pieces (exported so a test can EXPLAIN its pages). */
export function peopleSource(principal: ApiKeyPrincipal): OsdiPageSource {
  return {
    columns: PERSON_COLUMNS,
    from: Prisma.sql`person p`,
    where: visiblePeople(principal),
    id: Prisma.sql`p.id`,
    idType: 'int',
    modified: Prisma.sql`p.updated_at`,
    created: Prisma.sql`p.created_at`,
  };
}
