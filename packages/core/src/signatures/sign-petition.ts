import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { getSigningCampaign } from './get-signing-campaign';
import { prepareSignature, type SignContext } from './prepare-signature';
import { fieldErrorsFrom, signatureInputSchema, type SignatureInput } from './signature-input';
import { prismaExecutor } from './sql-executor';
import { writeSignatures } from './write-signatures';

export type { SignContext } from './prepare-signature';

export interface SignResult {
  campaignId: number;
  /**
   * What the signer is told: `pending` (check your email) when the campaign requires
   * confirmation, else `confirmed`. Decided by campaign policy, never by whether this email
   * signed before (docs/DESIGN.md invariant 2: a repeat is answered exactly like a first signature).
   */
  status: 'pending' | 'confirmed';
  /** Referral code for this signer's share links. */
  shareCode: string;
  /** Internal: the signature row. */
  signatureId: bigint;
  /** Internal: the stored row still awaits confirmation (a confirmation email should go out). */
  awaitingConfirmation: boolean;
}

/**
 * Records one signature (docs/DESIGN.md invariants 1, 2, 3, 7):
 * - validates every field (AppError `validation` with field → message key, nothing written);
 * - refuses campaigns that are not published (`not_found` for drafts, `campaign_not_open`);
 * - at most one signature per (campaign, canonical email), repeats answered like firsts;
 * - counted signatures move a counter shard in the same statement (no hot row).
 * Returns only after the row is committed. The group-commit path (createSignatureBatcher) writes
 * through the same prepareSignature + writeSignatures.
 */
export async function signPetition(
  db: Db,
  slug: string,
  input: SignatureInput,
  context: SignContext = {},
): Promise<SignResult> {
  const parsed = signatureInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('validation', 'Some fields need attention.', fieldErrorsFrom(parsed.error));
  }
  const exec = prismaExecutor(db);
  const campaign = await getSigningCampaign(exec, slug);
  const prepared = prepareSignature(campaign, parsed.data, context);
  const [outcome] = await writeSignatures(exec, [prepared]);
  if (!outcome?.ok) {
    throw new AppError('campaign_not_open', 'This petition is closed and no longer takes signatures.');
  }
  return {
    campaignId: campaign.id,
    status: prepared.answer,
    shareCode: outcome.shareCode,
    signatureId: outcome.signatureId,
    awaitingConfirmation: outcome.awaitingConfirmation,
  };
}
