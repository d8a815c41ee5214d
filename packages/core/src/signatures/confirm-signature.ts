import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { randomShard } from '../counters/shards';
import { hashConfirmToken } from './confirm-token';

export interface ConfirmSignatureResult {
  campaignId: number;
  campaignSlug: string;
  /** `confirmed` when this call counted the signature; `already_confirmed` for a repeat click. */
  outcome: 'confirmed' | 'already_confirmed';
}

const TOKEN = /^[A-Za-z0-9_-]{20,128}$/;

interface Row {
  signature_status: string;
  campaign_id: number;
  slug: string;
  campaign_status: string;
  updated: bigint;
}

/**
 * Confirms a pending signature from the emailed token (only its SHA-256 is stored): marks it
 * confirmed and adds it to a counter shard in one statement, so it counts exactly once even when
 * the button is pressed twice at the same moment (the second UPDATE finds it no longer pending).
 * The signature.confirmed webhook event is written by the same statement (only when it counted).
 * Unknown tokens → `not_found`; a campaign that closed meanwhile → `campaign_not_open`.
 */
export async function confirmSignature(db: Db, token: string): Promise<ConfirmSignatureResult> {
  if (!TOKEN.test(token)) throw new AppError('not_found', 'This confirmation link is not valid.');
  const hash = hashConfirmToken(token);
  const [row] = await db.$queryRaw<Row[]>`
    WITH t AS (
      SELECT s.id, s.status::text AS signature_status, s.campaign_id, c.slug, c.status::text AS campaign_status
      FROM signature s JOIN campaign c ON c.id = s.campaign_id
      WHERE s.confirm_token_hash = ${hash}
    ),
    u AS (
      -- Pending → confirmed. Held (issue 15) → released into the count when held by a rate limit
      -- or a throwaway domain; held by a block list → stays held, its email now confirmed
      -- (confirmed_at), for a person to decide. A second click finds confirmed_at set and changes nothing.
      UPDATE signature s SET
        status = CASE WHEN s.held_reason IN ('blocked_ip', 'blocked_domain') AND s.status = 'held' THEN 'held'::"SignatureStatus"
                      ELSE 'confirmed'::"SignatureStatus" END,
        confirmed_at = now(), status_changed_at = now()
      FROM t
      WHERE s.id = t.id AND t.campaign_status = 'published'
        AND (s.status = 'pending' OR (s.status = 'held' AND s.confirmed_at IS NULL))
      RETURNING s.id, s.campaign_id, s.person_id, s.status
    ),
    k AS (
      INSERT INTO campaign_counter (campaign_id, shard, count)
      SELECT campaign_id, ${randomShard()}, 1 FROM u WHERE u.status = 'confirmed'
      ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count
    ),
    w AS (
      INSERT INTO webhook_event (type, campaign_id, signature_id, person_id)
      SELECT 'signature.confirmed', u.campaign_id, u.id, u.person_id FROM u
      WHERE u.status = 'confirmed' AND EXISTS (SELECT 1 FROM webhook_endpoint we WHERE we.enabled AND 'signature.confirmed' = ANY(we.events))
    )
    SELECT t.signature_status, t.campaign_id, t.slug, t.campaign_status, (SELECT count(*) FROM u) AS updated
    FROM t`;
  if (!row) throw new AppError('not_found', 'This confirmation link is not valid.');
  // A held row the click did not release is answered as confirmed too: the signer is never told
  // that their signature waits for review (no leak; staff see it in the review queue).
  if (Number(row.updated) === 1) return { campaignId: row.campaign_id, campaignSlug: row.slug, outcome: 'confirmed' };
  if (row.signature_status === 'confirmed' || row.signature_status === 'held') {
    return { campaignId: row.campaign_id, campaignSlug: row.slug, outcome: 'already_confirmed' };
  }
  if ((row.signature_status === 'pending' || row.signature_status === 'held') && row.campaign_status === 'published') {
    // Pending in this statement's snapshot yet not updated: a concurrent press confirmed it
    // first (our UPDATE waited for its lock, then found it no longer pending). Read it afresh.
    const [now] = await db.$queryRaw<{ status: string }[]>`
      SELECT status::text AS status FROM signature WHERE confirm_token_hash = ${hash}`;
    if (now?.status === 'confirmed' || now?.status === 'held')
      return { campaignId: row.campaign_id, campaignSlug: row.slug, outcome: 'already_confirmed' };
  }
  if ((row.signature_status === 'pending' || row.signature_status === 'held') && row.campaign_status !== 'published') {
    throw new AppError('campaign_not_open', 'This petition closed before the signature was confirmed.');
  }
  // Invalidated or fraudulent signatures cannot be revived by their link.
  throw new AppError('not_found', 'This confirmation link is not valid.');
}
