import { randomBytes } from 'node:crypto';
import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { randomShard } from '../counters/shards';
import { lookupPostalCode } from '../geo/lookup-postal-code';
import { canonicalizeEmail } from './canonicalize-email';
import { deriveConfirmToken, hashConfirmToken } from './confirm-token';
import { fieldErrorsFrom, signatureInputSchema, type SignatureInput } from './signature-input';

export interface SignContext {
  /** HMAC of the client IP (see hashIp); never the raw IP. */
  ipHash?: string | null;
  /** Secret for confirmation tokens; required when the campaign asks for email confirmation. */
  confirmSecret?: string;
  /**
   * Abuse rules judged this plausible-but-suspicious: store it as `fraudulent`, uncounted, and
   * answer exactly as for any other signature.
   */
  suspicious?: boolean;
}

export interface SignResult {
  campaignId: number;
  /**
   * What the signer is told: `pending` (check your email) when the campaign requires
   * confirmation, else `confirmed`. Decided by campaign policy, never by whether this email
   * signed before (DESIGN.md invariant 2: a repeat is answered exactly like a first signature).
   */
  status: 'pending' | 'confirmed';
  /** Referral code for this signer's share links. */
  shareCode: string;
  /** Internal: the signature row. */
  signatureId: bigint;
  /** Internal: the stored row still awaits confirmation (a confirmation email should go out). */
  awaitingConfirmation: boolean;
}

interface CampaignRow {
  id: number;
  status: string;
  require_confirmation: boolean;
}

interface InsertRow {
  person_id: number;
  signature_id: bigint | null;
  share_code: string | null;
  stored_status: string | null;
}

/**
 * Records a signature (DESIGN.md invariants 1, 2, 3, 7):
 * - validates every field (AppError `validation` with field → message key, nothing written);
 * - refuses campaigns that are not published (`campaign_not_open`);
 * - at most one signature per (campaign, canonical email), repeats answered like firsts;
 * - counted signatures add 1 to one random counter shard in the same statement, so the count
 *   is exact without a hot row.
 * Returns only after the row is committed.
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
  const data = parsed.data;
  const canonicalEmail = canonicalizeEmail(data.email)!;

  const [campaign] = await db.$queryRaw<CampaignRow[]>`
    SELECT id, status::text AS status, require_confirmation
    FROM campaign WHERE slug = ${slug}`;
  if (!campaign || campaign.status === 'draft') throw new AppError('not_found', 'No such petition.');
  if (campaign.status !== 'published') {
    throw new AppError('campaign_not_open', 'This petition is closed and no longer takes signatures.');
  }
  if (campaign.require_confirmation && !context.confirmSecret) {
    throw new Error('signPetition: confirmSecret is required for campaigns that confirm by email');
  }

  const place = lookupPostalCode(data.postalCode, data.country);
  const shareCode = randomBytes(8).toString('base64url');
  const status = context.suspicious
    ? 'fraudulent'
    : campaign.require_confirmation
      ? 'pending'
      : 'confirmed';
  const tokenHash =
    status === 'pending' ? hashConfirmToken(deriveConfirmToken(shareCode, context.confirmSecret!)) : null;
  const emailStatus = data.subscribe ? 'subscribed' : 'unsubscribed';

  // One statement: upsert the person (DO UPDATE so the id comes back even when a concurrent
  // transaction created it), insert the signature unless this person already signed, and add
  // the new counted signature to a counter shard.
  const [row] = await db.$queryRaw<InsertRow[]>`
    WITH p AS (
      INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality,
                          region, country, preferred_language, email_status, updated_at)
      VALUES (${canonicalEmail}, ${data.email}, ${data.givenName}, ${data.familyName},
              ${data.postalCode}, ${place?.locality ?? null}, ${place?.region ?? null},
              ${data.country}, ${data.locale}::"Locale", ${emailStatus}::"EmailStatus", now())
      ON CONFLICT (canonical_email) DO UPDATE SET canonical_email = EXCLUDED.canonical_email
      RETURNING id
    ),
    s AS (
      INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, postal_code,
                             locality, region, country, locale, comment, source, referrer_code,
                             share_code, ip_hash, confirm_token_hash, confirmed_at, status_changed_at)
      SELECT ${campaign.id}, p.id, ${status}::"SignatureStatus", ${data.givenName}, ${data.familyName},
             ${data.postalCode}, ${place?.locality ?? null}, ${place?.region ?? null}, ${data.country},
             ${data.locale}::"Locale", ${data.comment || null}, ${data.source ?? null},
             ${data.referrerCode ?? null}, ${shareCode}, ${context.ipHash ?? null}, ${tokenHash},
             CASE WHEN ${status} = 'confirmed' THEN now() END, now()
      FROM p
      ON CONFLICT (campaign_id, person_id) DO NOTHING
      RETURNING id, share_code, status
    ),
    k AS (
      INSERT INTO campaign_counter (campaign_id, shard, count)
      SELECT ${campaign.id}, ${randomShard()}, 1 FROM s WHERE s.status = 'confirmed'
      ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count
    )
    SELECT p.id AS person_id, s.id AS signature_id, s.share_code, s.status::text AS stored_status
    FROM p LEFT JOIN s ON true`;

  let signatureId = row?.signature_id ?? null;
  let storedShareCode = row?.share_code ?? null;
  let storedStatus = row?.stored_status ?? null;
  if (signatureId === null) {
    // This person already signed: answer as if new, with their existing share code.
    const [existing] = await db.$queryRaw<{ id: bigint; share_code: string; status: string }[]>`
      SELECT id, share_code, status::text AS status FROM signature
      WHERE campaign_id = ${campaign.id} AND person_id = ${row!.person_id}`;
    if (!existing) throw new Error('signPetition: signature neither inserted nor found');
    signatureId = existing.id;
    storedShareCode = existing.share_code;
    storedStatus = existing.status;
  }

  return {
    campaignId: campaign.id,
    status: campaign.require_confirmation ? 'pending' : 'confirmed',
    shareCode: storedShareCode!,
    signatureId,
    awaitingConfirmation: storedStatus === 'pending',
  };
}
