// Update test fixtures: consenting signers in bulk (straight in SQL, fast enough for 1,000,000 in
// batches) and an update ready for the worker, without the staff steps in between.
import type { Db } from '@undersigned/db';

export interface SeedConsentingSignersOptions {
  count: number;
  /** Language of the signatures (default en), or a share of Spanish ones (0..1) spread evenly. */
  locale?: 'en' | 'es';
  spanishShare?: number;
  /** Distinguishes the emails of several batches in one campaign. */
  batch?: string;
  /** Consent and subscription (default true: they ticked "Send me updates"). */
  consent?: boolean;
}

let batchCounter = 0;

/**
 * Inserts `count` counted (`confirmed`) signatures whose people consented to updates
 * (`subscribed`, consented_at = now), emails `update-<batch>-<n>@example.org`, and adds them to
 * the campaign's counter. Returns the batch tag (the emails' middle part).
 */
export async function seedConsentingSigners(db: Db, campaignId: number, options: SeedConsentingSignersOptions): Promise<string> {
  batchCounter += 1;
  const batch = options.batch ?? `u${process.pid}x${batchCounter}x${Date.now().toString(36)}`;
  const consent = options.consent ?? true;
  const share = options.locale === 'es' ? 1 : (options.spanishShare ?? 0);
  const esEvery = share > 0 ? Math.max(1, Math.round(1 / share)) : 0;
  await db.$executeRaw`
    WITH people AS (
      INSERT INTO person (canonical_email, email, given_name, family_name, email_status, consented_at, updated_at)
      SELECT 'update-' || ${batch} || '-' || g || '@example.org', 'update-' || ${batch} || '-' || g || '@example.org',
             'Ana' || g, 'Núñez', (CASE WHEN ${consent} THEN 'subscribed' ELSE 'unsubscribed' END)::"EmailStatus",
             CASE WHEN ${consent} THEN now() END, now()
      FROM generate_series(1, ${options.count}::int) g
      RETURNING id, given_name, family_name
    )
    INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, country, share_code, confirmed_at, status_changed_at, locale)
    SELECT ${campaignId}, p.id, 'confirmed', p.given_name, p.family_name, 'US', md5(random()::text || p.id::text)::varchar(32), now(), now(),
           (CASE WHEN ${esEvery}::int > 0 AND p.id % ${esEvery || 1}::int = 0 THEN 'es' ELSE 'en' END)::"Locale"
    FROM people p ORDER BY p.id`;
  await db.$executeRaw`
    INSERT INTO campaign_counter (campaign_id, shard, count) VALUES (${campaignId}, 0, ${options.count})
    ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count`;
  return batch;
}

export interface UpdateFixture {
  status?: 'draft' | 'planning' | 'sending' | 'paused' | 'cancelled';
  subjectEn?: string | null;
  bodyEn?: string | null;
  subjectEs?: string | null;
  bodyEs?: string | null;
}

/** An update as if staff had written it and pressed Send (`planning`, send_requested_at now) unless told otherwise. */
export async function createUpdateFixture(db: Db, campaignId: number, fixture: UpdateFixture = {}) {
  const status = fixture.status ?? 'planning';
  return db.campaignUpdate.create({
    data: {
      campaignId,
      status,
      subjectEn: fixture.subjectEn === undefined ? 'The Mayor answered' : fixture.subjectEn,
      bodyEn: fixture.bodyEn === undefined ? 'Thanks to **you**, the Mayor answered our petition.' : fixture.bodyEn,
      subjectEs: fixture.subjectEs === undefined ? 'El alcalde respondió' : fixture.subjectEs,
      bodyEs: fixture.bodyEs === undefined ? 'Gracias a **ti**, el alcalde respondió a nuestra petición.' : fixture.bodyEs,
      sendRequestedAt: status === 'draft' ? null : new Date(),
      runStartedAt: status === 'planning' || status === 'sending' ? new Date() : null,
    },
  });
}
