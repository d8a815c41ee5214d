import { Prisma, type Db } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { authorizeOsdiPetition } from './authorize-osdi-petition';
import type { OsdiCollectionQuery } from './parse-osdi-collection-query';
import { SIGNATURE_COLUMNS, signatureSource, type SignatureRow } from './osdi-rows';
import { runOsdiPageQuery, type OsdiPage, type OsdiPageSource } from './run-osdi-page-query';
import { toOsdiSignatureResource, type OsdiSignatureResource } from './to-osdi-signature-resource';

/**
 * GET /api/v1/petitions/{slug}/signatures with a key: every signature of the campaign, moderated
 * ones (fraudulent, invalidated) with their status; erased signers' rows are gone. AppError
 * `not_found` / `forbidden` from authorizeOsdiPetition. Ordered by id — the signature(campaign_id,
 * id) index — or, filtered by modified_date, by (status_changed_at, id) — the signature(campaign_id,
 * status_changed_at, id) index. A created_date filter walks in id order (ids grow with creation).
 */
export async function listOsdiPetitionSignatures(
  db: Db,
  principal: ApiKeyPrincipal,
  slug: string,
  query: OsdiCollectionQuery,
  baseUrl: string,
): Promise<OsdiPage<OsdiSignatureResource>> {
  const campaign = await authorizeOsdiPetition(db, principal, slug);
  const page = await runOsdiPageQuery<SignatureRow>(db, petitionSignaturesSource(campaign.id), query);
  return { ...page, items: page.items.map((r) => toOsdiSignatureResource(signatureSource(r), baseUrl)) };
}

/** The collection's SQL pieces (exported so a test can EXPLAIN its pages). */
export function petitionSignaturesSource(campaignId: number): OsdiPageSource {
  return {
    columns: SIGNATURE_COLUMNS,
    from: Prisma.sql`signature s JOIN campaign c ON c.id = s.campaign_id`,
    where: [Prisma.sql`s.campaign_id = ${campaignId}::int`],
    orderPrefix: Prisma.sql`s.campaign_id`,
    id: Prisma.sql`s.id`,
    idType: 'bigint',
    modified: Prisma.sql`s.status_changed_at`,
    created: Prisma.sql`s.created_at`,
    createdById: true,
  };
}
