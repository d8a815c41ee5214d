// Seeding for the benchmarks that need a big campaign (bench/million-rows.ts, bench/integrations.ts).
import { COUNTER_SHARDS } from '@undersigned/core';
import type { Db } from '@undersigned/db';

/**
 * `count` counted signatures spread evenly over the last `days` days, with people, sources,
 * referral codes, comments and postal codes (a tenth inside the target's jurisdiction), then the
 * counter shards set to equal the table, delivery sequence assigned. One INSERT … SELECT
 * generate_series per 250,000 rows.
 */
export async function seedCountedSignatures(db: Db, campaignId: number, count: number, tag: string, days = 90): Promise<void> {
  const chunk = 250_000;
  for (let from = 1; from <= count; from += chunk) {
    const to = Math.min(count, from + chunk - 1);
    await db.$executeRawUnsafe(`
      WITH people AS (
        INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality, updated_at)
        SELECT 'm-${tag}-' || g || '@example.org', 'M-${tag}-' || g || '@Example.org', 'José' || g, 'Núñez',
               (95110 + g % 30)::text, 'San Jose', now()
        FROM generate_series(${from}, ${to}) g
        RETURNING id, given_name, family_name, postal_code, locality
      )
      INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, postal_code, locality, region,
                             country, comment, source, referrer_code, share_code, created_at, confirmed_at, status_changed_at, seq)
      SELECT ${campaignId}, p.id, 'confirmed', p.given_name, p.family_name, p.postal_code, p.locality, 'CA', 'US',
             CASE WHEN p.id % 20 = 0 THEN 'Please act now, for our families and our neighbors.' END,
             (ARRAY['email', 'twitter', 'facebook', 'partner-350', NULL])[1 + p.id % 5],
             CASE WHEN p.id % 10 = 0 THEN 'ref' || (p.id % 97) END,
             md5(random()::text || p.id::text)::varchar(32),
             w.at, w.at, w.at, nextval('signature_delivery_seq')
      FROM people p
      CROSS JOIN LATERAL (SELECT now() - (interval '${days} days') * ((p.id::bigint * 7919) % ${count} + 1)::float8 / ${count} AS at) w
      ORDER BY w.at`);
  }
  await db.$executeRawUnsafe(`
    INSERT INTO campaign_counter (campaign_id, shard, count)
    SELECT ${campaignId}, s, ${Math.floor(count / COUNTER_SHARDS)} + CASE WHEN s < ${count % COUNTER_SHARDS} THEN 1 ELSE 0 END
    FROM generate_series(0, ${COUNTER_SHARDS - 1}) s
    ON CONFLICT (campaign_id, shard) DO UPDATE SET count = EXCLUDED.count`);
}
