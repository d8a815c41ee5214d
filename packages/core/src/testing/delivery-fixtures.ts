// Delivery test fixtures: bulk counted signatures, straight in SQL (fast enough for 100,000).
import type { Db } from '@undersigned/db';

export interface SeedSignaturesOptions {
  count: number;
  /** Postal code for every row, or a list cycled through row by row. */
  postalCode?: string | string[];
  locality?: string;
  comment?: string | null;
  status?: 'confirmed' | 'fraudulent';
  /** Distinguishes the emails of several batches in one campaign. */
  batch?: string;
}

let batchCounter = 0;

/**
 * Inserts `count` counted signatures (and their people) for a campaign, and adds them to the
 * counter shards so the public count stays exact. Names carry Spanish accents on purpose.
 */
export async function seedSignatures(db: Db, campaignId: number, options: SeedSignaturesOptions): Promise<void> {
  batchCounter += 1;
  const batch = options.batch ?? `b${process.pid}x${batchCounter}x${Date.now().toString(36)}`;
  const status = options.status ?? 'confirmed';
  const codes = Array.isArray(options.postalCode) && options.postalCode.length ? options.postalCode : [options.postalCode ?? '95112'];
  await db.$executeRaw`
    WITH people AS (
      INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality, updated_at)
      SELECT 'signer-' || ${batch} || '-' || g || '@example.org', 'Signer-' || ${batch} || '-' || g || '@Example.org',
             'José' || g, 'Núñez', (${codes}::text[])[1 + g % ${codes.length}::int], ${options.locality ?? 'San Jose'}, now()
      FROM generate_series(1, ${options.count}::int) g
      RETURNING id, given_name, family_name, postal_code, locality
    )
    INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, postal_code, locality, region,
                           country, comment, share_code, confirmed_at, status_changed_at)
    SELECT ${campaignId}, p.id, ${status}::"SignatureStatus", p.given_name, p.family_name, p.postal_code, p.locality,
           'CA', 'US', ${options.comment ?? null}, md5(random()::text || p.id::text)::varchar(32),
           CASE WHEN ${status} = 'confirmed' THEN now() END, now()
    FROM people p ORDER BY p.id`;
  if (status === 'confirmed') {
    await db.$executeRaw`
      INSERT INTO campaign_counter (campaign_id, shard, count) VALUES (${campaignId}, 0, ${options.count})
      ON CONFLICT (campaign_id, shard) DO UPDATE SET count = campaign_counter.count + EXCLUDED.count`;
  }
}
