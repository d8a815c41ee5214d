import { suppressionHashPads, suppressionHashSql } from './suppression-hash';

/**
 * Who an update to a campaign reaches, as SQL shared by the audience count staff see before
 * sending and by the planner that writes the recipient rows (so the two cannot disagree):
 *
 * - the campaign's counted signatures (`confirmed`: counted, and confirmed by email where the
 *   campaign asks for it; never `pending`, `fraudulent` or `invalidated`),
 * - whose person consented to updates and is still `subscribed` (not unsubscribed from all
 *   updates, not bouncing),
 * - and whose address is not on the suppression list for this campaign or for all updates: hard
 *   bounces and complaints always suppress; an unsubscribe from all updates is lifted only by a
 *   later explicit consent (ticking the box again on a later signature).
 *
 * Each person once (one signature per campaign and person), in their signature's language.
 * Parameters: $1 campaign id, $2 / $3 the HMAC pads of suppressionHashPads. `s` is the
 * signature, `p` the person.
 */
export const AUDIENCE_FROM_WHERE = `
  FROM signature s
  JOIN person p ON p.id = s.person_id
  WHERE s.campaign_id = $1
    AND s.status = 'confirmed'
    AND p.email_status = 'subscribed'
    AND p.consented_at IS NOT NULL
    AND NOT EXISTS (
      SELECT 1 FROM email_suppression x
      WHERE x.email_hash = ${suppressionHashSql('p.canonical_email', '$2::bytea', '$3::bytea')}
        AND (x.campaign_id IS NULL OR x.campaign_id = s.campaign_id)
        AND NOT (x.reason = 'unsubscribe' AND x.campaign_id IS NULL AND p.consented_at > x.created_at)
    )`;

/** The three leading parameters of AUDIENCE_FROM_WHERE. */
export function audienceParams(campaignId: number, secret: string): [number, Buffer, Buffer] {
  const { inner, outer } = suppressionHashPads(secret);
  return [campaignId, inner, outer];
}
