import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';

/** The address an anonymised person keeps (unique, satisfies the canonical-email CHECK, never mailable). */
export const anonymizedEmail = (personId: number) => `anonymized-${personId}@invalid`;

export interface AnonymizeClosedCampaignSignersInput {
  /** Campaigns closed (or won) longer ago than this are anonymised. */
  retentionDays: number;
  now?: Date;
}

export interface AnonymizedCampaign {
  campaignId: number;
  signatures: number;
  people: number;
}

/**
 * Data retention: once a campaign has been closed (or won) for longer than `retentionDays`, its
 * signers' personal data goes. Each signature keeps only what the public and the counts need —
 * status, place (city, postal code, region, country), dates and delivery sequence — and loses
 * name, comment, IP hash and token. A person with no signature left on any campaign still within
 * retention is anonymised too (name, email, place); one who still supports a live campaign keeps
 * their person row for that campaign. Counts and delivery ranges do not change. Idempotent: a
 * campaign already anonymised is skipped; one audit entry per campaign anonymised (ids and
 * numbers only).
 */
export async function anonymizeClosedCampaignSigners(db: Db, input: AnonymizeClosedCampaignSignersInput): Promise<AnonymizedCampaign[]> {
  const cutoff = new Date((input.now ?? new Date()).getTime() - input.retentionDays * 86_400_000);
  const due = await db.$queryRaw<{ id: number }[]>`
    SELECT c.id FROM campaign c
    WHERE c.status IN ('closed', 'victory') AND c.closed_at IS NOT NULL AND c.closed_at < ${cutoff}
      AND EXISTS (
        SELECT 1 FROM signature s
        WHERE s.campaign_id = c.id AND (s.given_name <> '' OR s.family_name <> '' OR s.comment IS NOT NULL OR s.ip_hash IS NOT NULL)
      )
    ORDER BY c.id`;
  const done: AnonymizedCampaign[] = [];
  for (const { id: campaignId } of due) {
    const result = await db.$transaction(async (tx) => {
      const signatures = await tx.$executeRaw`
        UPDATE signature
        SET given_name = '', family_name = '', comment = NULL, ip_hash = NULL, referrer_code = NULL,
            confirm_token_hash = CASE WHEN status = 'pending' THEN confirm_token_hash ELSE NULL END
        WHERE campaign_id = ${campaignId}
          AND (given_name <> '' OR family_name <> '' OR comment IS NOT NULL OR ip_hash IS NOT NULL)`;
      // People with no signature on a campaign still inside retention (open, draft, or closed recently).
      const people = await tx.$executeRaw`
        UPDATE person p
        SET email = 'anonymized-' || p.id || '@invalid', canonical_email = 'anonymized-' || p.id || '@invalid',
            given_name = '', family_name = '', postal_code = NULL, locality = NULL, region = NULL,
            email_status = 'unsubscribed', updated_at = now()
        WHERE p.id IN (SELECT person_id FROM signature WHERE campaign_id = ${campaignId})
          AND p.canonical_email <> 'anonymized-' || p.id || '@invalid'
          AND NOT EXISTS (
            SELECT 1 FROM signature s JOIN campaign c ON c.id = s.campaign_id
            WHERE s.person_id = p.id
              AND NOT (c.status IN ('closed', 'victory') AND c.closed_at IS NOT NULL AND c.closed_at < ${cutoff})
          )`;
      await recordAudit(tx, {
        actorId: null,
        action: 'campaign.anonymize_signers',
        entityType: 'campaign',
        entityId: campaignId,
        data: { signatures, people, retentionDays: input.retentionDays, cutoff: cutoff.toISOString() },
      });
      return { campaignId, signatures, people };
    });
    done.push(result);
  }
  return done;
}
