import type { Db } from '@undersigned/db';
import type { ApiKeyPrincipal } from '../api-keys/authenticate-api-key';
import { AppError } from '../errors';
import { authorizeOsdiPetition } from './authorize-osdi-petition';
import { SIGNATURE_COLUMNS, signatureSource, type SignatureRow } from './osdi-rows';
import { toOsdiSignatureResource, type OsdiSignatureResource } from './to-osdi-signature-resource';

/**
 * GET /api/v1/petitions/{slug}/signatures/{id} (and the answer to a write key's signature):
 * AppError `not_found` / `forbidden` for the petition (authorizeOsdiPetition), `not_found` when
 * the signature is not that petition's (or was erased).
 */
export async function getOsdiSignature(
  db: Db,
  principal: ApiKeyPrincipal,
  slug: string,
  signatureId: bigint,
  baseUrl: string,
): Promise<OsdiSignatureResource> {
  const campaign = await authorizeOsdiPetition(db, principal, slug);
  const [row] = await db.$queryRaw<SignatureRow[]>`
    SELECT ${SIGNATURE_COLUMNS} FROM signature s JOIN campaign c ON c.id = s.campaign_id
    WHERE s.id = ${signatureId}::bigint AND s.campaign_id = ${campaign.id}::int`;
  if (!row) throw new AppError('not_found', 'No such signature.');
  return toOsdiSignatureResource(signatureSource(row), baseUrl);
}
