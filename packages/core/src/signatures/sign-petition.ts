import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { createSigner, type SignResult } from './create-signer';
import type { SignContext } from './prepare-signature';
import type { SignatureInput } from './signature-input';
import { prismaExecutor } from './sql-executor';

export type { SignContext } from './prepare-signature';

/**
 * Records one signature through the one sign path (createSigner) with no client behind it: for
 * the seed, imports and tests. No rate limit, no campaign cache, no confirmation email queued; one
 * statement per signature on `db`. Resolves once the row is committed; a refusal is thrown as an
 * AppError (`validation` with field → message key, `not_found`, `campaign_not_open`, `unavailable`).
 */
export async function signPetition(db: Db, slug: string, input: SignatureInput, context: SignContext = {}): Promise<SignResult> {
  const signer = createSigner({ exec: prismaExecutor(db), secrets: { confirmToken: context.confirmSecret }, campaignCacheMs: 0 });
  const outcome = await signer.sign(slug, { input, ipHash: context.ipHash, suspicious: context.suspicious });
  if (outcome.ok) return outcome;
  switch (outcome.code) {
    case 'validation':
      throw new AppError('validation', 'Some fields need attention.', outcome.fields);
    case 'rate_limited':
      throw new AppError('rate_limited', `Too many signatures; retry in ${outcome.retryAfterSeconds} s.`);
    default:
      throw new AppError(outcome.code, outcome.message);
  }
}
