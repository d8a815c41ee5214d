import { randomShard } from '../counters/shards';
import type { PreparedSignature } from './prepare-signature';
import type { SqlExecutor } from './sql-executor';

export type WriteOutcome =
  | {
      ok: true;
      signatureId: bigint;
      /** The stored row's share code: the new one, or the earlier signature's for a repeat. */
      shareCode: string;
      /** The stored row still awaits email confirmation. */
      awaitingConfirmation: boolean;
    }
  /** The campaign stopped taking signatures between the lookup and the commit. */
  | { ok: false; code: 'campaign_not_open' };

const COLUMNS = [
  ['campaign_id', 'int'],
  ['canonical_email', 'text'],
  ['email', 'text'],
  ['given_name', 'text'],
  ['family_name', 'text'],
  ['postal_code', 'text'],
  ['locality', 'text'],
  ['region', 'text'],
  ['country', 'text'],
  ['locale', 'text'],
  ['email_status', 'text'],
  ['status', 'text'],
  ['comment', 'text'],
  ['source', 'text'],
  ['referrer_code', 'text'],
  ['share_code', 'text'],
  ['ip_hash', 'text'],
  ['confirm_token_hash', 'text'],
  ['held_reason', 'text'],
  ['event_id', 'int'],
] as const;

const FIELDS: Record<(typeof COLUMNS)[number][0], keyof PreparedSignature> = {
  campaign_id: 'campaignId',
  canonical_email: 'canonicalEmail',
  email: 'email',
  given_name: 'givenName',
  family_name: 'familyName',
  postal_code: 'postalCode',
  locality: 'locality',
  region: 'region',
  country: 'country',
  locale: 'locale',
  email_status: 'emailStatus',
  status: 'status',
  comment: 'comment',
  source: 'source',
  referrer_code: 'referrerCode',
  share_code: 'shareCode',
  ip_hash: 'ipHash',
  confirm_token_hash: 'confirmTokenHash',
  held_reason: 'heldReason',
  event_id: 'eventId',
};

const SHARD_PARAM = COLUMNS.length + 1;

// One statement for any number of signatures (group commit). Persons are upserted in
// canonical-email order and signatures inserted in (campaign, person) order, so concurrent
// batches take their locks in the same order and cannot deadlock. `DO UPDATE` on person returns
// the id even when a concurrent transaction created the row. Only campaigns still `published` at
// commit time take the row. New counted rows add to one counter shard per campaign, in the same
// statement: the count moves exactly when the rows commit; so do their signature.created webhook
// events (CTE w), written only while an enabled endpoint subscribes to them.
const WRITE_SQL = `
WITH input AS (
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})
    AS t(${COLUMNS.map(([name]) => name).join(', ')})
),
p AS (
  INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality, region,
                      country, preferred_language, email_status, consented_at, updated_at)
  SELECT DISTINCT ON (canonical_email) canonical_email, email, given_name, family_name, postal_code,
         locality, region, country, locale::"Locale", email_status::"EmailStatus",
         CASE WHEN email_status = 'subscribed' THEN now() END, now()
  FROM input ORDER BY canonical_email
  -- A signer who ticks "Send me updates" again consents again: an unsubscribed person is
  -- subscribed anew (a bouncing address stays bouncing), and the consent date moves — and so does
  -- the person's modified_date (updated_at), which the OSDI API's modified_date filter reads.
  ON CONFLICT (canonical_email) DO UPDATE SET canonical_email = EXCLUDED.canonical_email,
    email_status = CASE WHEN EXCLUDED.email_status = 'subscribed' AND person.email_status = 'unsubscribed'
                        THEN EXCLUDED.email_status ELSE person.email_status END,
    consented_at = CASE WHEN EXCLUDED.email_status = 'subscribed' THEN now() ELSE person.consented_at END,
    updated_at = CASE WHEN EXCLUDED.email_status = 'subscribed' THEN now() ELSE person.updated_at END
  RETURNING id, canonical_email
),
s AS (
  INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, postal_code, locality,
                         region, country, locale, comment, source, referrer_code, share_code, ip_hash,
                         confirm_token_hash, held_reason, event_id, confirmed_at, status_changed_at)
  SELECT i.campaign_id, p.id, i.status::"SignatureStatus", i.given_name, i.family_name, i.postal_code,
         i.locality, i.region, i.country, i.locale::"Locale", i.comment, i.source, i.referrer_code,
         i.share_code, i.ip_hash, i.confirm_token_hash, i.held_reason::"HoldReason", i.event_id,
         CASE WHEN i.status = 'confirmed' THEN now() END, now()
  FROM input i
  JOIN p ON p.canonical_email = i.canonical_email
  JOIN campaign c ON c.id = i.campaign_id AND c.status = 'published'
  ORDER BY i.campaign_id, p.id
  ON CONFLICT (campaign_id, person_id) DO NOTHING
  RETURNING id, campaign_id, person_id, share_code, status,
            (confirm_token_hash IS NOT NULL AND status IN ('pending', 'held') AND confirmed_at IS NULL) AS awaiting
),
k AS (
  INSERT INTO campaign_counter (campaign_id, shard, count)
  SELECT campaign_id, $${SHARD_PARAM}, count(*) FROM s WHERE status = 'confirmed' GROUP BY campaign_id
  ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count
),
w AS (
  -- The webhook outbox (webhooks/record-webhook-events.ts), committed with the rows. The EXISTS is
  -- uncorrelated: evaluated once per statement, so with no endpoint wanting these events this adds
  -- one probe of a tiny table. Signatures stored as held or fraudulent (abuse rules) are not
  -- announced: a held one is announced when a person approves it (review/).
  INSERT INTO webhook_event (type, campaign_id, signature_id, person_id)
  SELECT 'signature.created', s.campaign_id, s.id, s.person_id FROM s
  WHERE s.status NOT IN ('held', 'fraudulent')
    AND EXISTS (SELECT 1 FROM webhook_endpoint we WHERE we.enabled AND 'signature.created' = ANY(we.events))
  ORDER BY s.id
)
SELECT i.campaign_id, i.canonical_email, p.id AS person_id,
       coalesce(s.id, e.id)::text AS signature_id, coalesce(s.share_code, e.share_code) AS share_code,
       coalesce(s.status, e.status)::text AS status, coalesce(s.awaiting, e.awaiting) AS awaiting
FROM input i
JOIN p ON p.canonical_email = i.canonical_email
LEFT JOIN s ON s.campaign_id = i.campaign_id AND s.person_id = p.id
-- A repeat of a signature committed before this statement began: answered from the same
-- statement. (One committed by a concurrent statement after it began is invisible here and is
-- read by EXISTING_SQL.) LATERAL: one unique-index probe per repeat, whatever the planner thinks
-- of the table's size (a plain LEFT JOIN was planned as a hash join over a seq scan of every
-- signature when the statistics were stale).
LEFT JOIN LATERAL (
  SELECT e.id, e.share_code, e.status,
         (e.confirm_token_hash IS NOT NULL AND e.status IN ('pending', 'held') AND e.confirmed_at IS NULL) AS awaiting
  FROM signature e
  WHERE s.id IS NULL AND e.campaign_id = i.campaign_id AND e.person_id = p.id
  LIMIT 1 -- (at most one row anyway: unique index) keeps the subquery from being flattened into a join
) e ON true`;

const EXISTING_SQL = `
SELECT s.campaign_id, s.person_id, s.id::text AS signature_id, s.share_code, s.status::text AS status,
       (s.confirm_token_hash IS NOT NULL AND s.status IN ('pending', 'held') AND s.confirmed_at IS NULL) AS awaiting
FROM signature s
JOIN unnest($1::int[], $2::int[]) AS m(campaign_id, person_id)
  ON s.campaign_id = m.campaign_id AND s.person_id = m.person_id`;

const key = (campaignId: unknown, canonicalEmail: unknown) => `${String(campaignId)}\u0000${String(canonicalEmail)}`;

/**
 * Writes prepared signatures in one statement and returns, for each input (same order), the
 * stored row — docs/DESIGN.md invariants 1–3: resolved only after the commit; one signature per
 * (campaign, canonical email), a repeat getting the earlier row; counters moved with the rows.
 * Duplicates inside one call share the first entry's row.
 */
export async function writeSignatures(exec: SqlExecutor, entries: PreparedSignature[]): Promise<WriteOutcome[]> {
  if (entries.length === 0) return [];
  const unique = new Map<string, PreparedSignature>();
  for (const e of entries) if (!unique.has(key(e.campaignId, e.canonicalEmail))) unique.set(key(e.campaignId, e.canonicalEmail), e);
  const rows = [...unique.values()];
  const params: unknown[] = COLUMNS.map(([name]) => rows.map((r) => r[FIELDS[name]]));
  params.push(randomShard());

  const written = await exec(WRITE_SQL, params);
  const byKey = new Map<string, Record<string, unknown>>();
  const missing: { campaignId: number; personId: number; k: string }[] = [];
  for (const row of written) {
    const k = key(row.campaign_id, row.canonical_email);
    if (row.signature_id === null || row.signature_id === undefined) {
      missing.push({ campaignId: Number(row.campaign_id), personId: Number(row.person_id), k });
    } else {
      byKey.set(k, row);
    }
  }
  if (missing.length) {
    const existing = await exec(EXISTING_SQL, [missing.map((m) => m.campaignId), missing.map((m) => m.personId)]);
    const byPair = new Map(existing.map((r) => [`${String(r.campaign_id)}:${String(r.person_id)}`, r]));
    for (const m of missing) {
      const row = byPair.get(`${m.campaignId}:${m.personId}`);
      if (row) byKey.set(m.k, row);
    }
  }
  return entries.map((e): WriteOutcome => {
    const row = byKey.get(key(e.campaignId, e.canonicalEmail));
    if (!row) return { ok: false, code: 'campaign_not_open' };
    return {
      ok: true,
      signatureId: BigInt(String(row.signature_id)),
      shareCode: String(row.share_code),
      awaitingConfirmation: row.awaiting === true,
    };
  });
}
