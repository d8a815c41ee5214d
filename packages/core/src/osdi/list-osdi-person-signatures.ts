import { Prisma, type Db } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { AppError } from '../errors';
import type { OsdiCollectionQuery } from './parse-osdi-collection-query';
import { SIGNATURE_COLUMNS, signatureSource, visiblePeople, type SignatureRow } from './osdi-rows';
import { runOsdiPageQuery, type OsdiPage } from './run-osdi-page-query';
import { toOsdiSignatureResource, type OsdiSignatureResource } from './to-osdi-signature-resource';

/**
 * GET /api/v1/people/{id}/signatures: a visible person's signatures on the campaigns the key
 * covers (moderated ones included, with their status). AppError `not_found` when the person is
 * not visible to the key (getOsdiPerson's rule).
 */
export async function listOsdiPersonSignatures(
  db: Db,
  principal: ApiKeyPrincipal,
  personId: number,
  query: OsdiCollectionQuery,
  baseUrl: string,
): Promise<OsdiPage<OsdiSignatureResource>> {
  const [visible] = await db.$queryRaw<{ id: number }[]>`
    SELECT p.id FROM person p WHERE p.id = ${personId}::int AND ${Prisma.join(visiblePeople(principal), ' AND ')}`;
  if (!visible) throw new AppError('not_found', 'No such person.');
  const where = [Prisma.sql`s.person_id = ${personId}::int`];
  if (principal.campaignIds.length) where.push(Prisma.sql`s.campaign_id = ANY(${principal.campaignIds}::int[])`);
  const page = await runOsdiPageQuery<SignatureRow>(
    db,
    {
      columns: SIGNATURE_COLUMNS,
      from: Prisma.sql`signature s JOIN campaign c ON c.id = s.campaign_id`,
      where,
      id: Prisma.sql`s.id`,
      idType: 'bigint',
      modified: Prisma.sql`s.status_changed_at`,
      created: Prisma.sql`s.created_at`,
      createdById: true,
    },
    query,
  );
  return { ...page, items: page.items.map((r) => toOsdiSignatureResource(signatureSource(r), baseUrl)) };
}
