import { Prisma, type Db } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { AppError } from '../errors';
import { PERSON_COLUMNS, personSource, visiblePeople, type PersonRow } from './osdi-rows';
import { toOsdiPerson, type OsdiPerson } from './to-osdi-person';

/** GET /api/v1/people/{id}: AppError `not_found` for an erased, anonymised or (for this key) invisible person alike. */
export async function getOsdiPerson(db: Db, principal: ApiKeyPrincipal, personId: number, baseUrl: string): Promise<OsdiPerson> {
  const [row] = await db.$queryRaw<PersonRow[]>`
    SELECT ${PERSON_COLUMNS} FROM person p WHERE p.id = ${personId}::int AND ${Prisma.join(visiblePeople(principal), ' AND ')}`;
  if (!row) throw new AppError('not_found', 'No such person.');
  return toOsdiPerson(personSource(row), baseUrl);
}
