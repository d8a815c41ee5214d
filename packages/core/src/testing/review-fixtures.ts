// Review-queue test fixtures: signatures held for review (or marked down), straight in SQL.
import type { Db } from '@undersigned/db';

export interface SeedHeldSignaturesOptions {
  count: number;
  /** 'held' by default; 'fraudulent' / 'invalidated' for rows to restore. */
  status?: 'held' | 'fraudulent' | 'invalidated';
  heldReason?: 'ip_rate' | 'domain_rate' | 'disposable_domain' | 'blocked_ip' | 'blocked_domain' | 'event_capacity';
  /** Every row's IP hash (hex). */
  ipHash?: string | null;
  /** Domain of every signer's email ('example.org' unless given). */
  emailDomain?: string;
  /** Give each row a confirmation token hash (a campaign that confirms by email mailed them a link). */
  withToken?: boolean;
  /** The signer already clicked their link (confirmed_at set). */
  clicked?: boolean;
  locality?: string;
  /** created_at of every row (now unless given). */
  createdAt?: Date;
}

let batchCounter = 0;

/** Inserts `count` signatures held for review (and their people) for a campaign; returns their ids, oldest first. */
export async function seedHeldSignatures(db: Db, campaignId: number, options: SeedHeldSignaturesOptions): Promise<bigint[]> {
  batchCounter += 1;
  const batch = `h${process.pid}x${batchCounter}x${Date.now().toString(36)}`;
  const status = options.status ?? 'held';
  const domain = options.emailDomain ?? 'example.org';
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH people AS (
      INSERT INTO person (canonical_email, email, given_name, family_name, postal_code, locality, updated_at)
      SELECT 'held-' || ${batch} || '-' || g || '@' || ${domain}, 'Held-' || ${batch} || '-' || g || '@' || ${domain},
             'María' || g, 'Quiñones', '95112', ${options.locality ?? 'San Jose'}, now()
      FROM generate_series(1, ${options.count}::int) g
      RETURNING id, given_name, family_name, postal_code, locality
    )
    INSERT INTO signature (campaign_id, person_id, status, held_reason, given_name, family_name, postal_code, locality, region,
                           country, share_code, ip_hash, confirm_token_hash, confirmed_at, created_at, status_changed_at)
    SELECT ${campaignId}, p.id, ${status}::"SignatureStatus", ${status === 'held' ? (options.heldReason ?? 'ip_rate') : (options.heldReason ?? null)}::"HoldReason",
           p.given_name, p.family_name, p.postal_code, p.locality, 'CA', 'US', md5(random()::text || p.id::text)::varchar(32),
           ${options.ipHash ?? null}, CASE WHEN ${options.withToken ?? false} THEN md5('tok' || ${batch} || p.id::text) || md5(p.id::text) END,
           CASE WHEN ${options.clicked ?? false} THEN now() END, coalesce(${options.createdAt ?? null}::timestamptz, now()), now()
    FROM people p ORDER BY p.id
    RETURNING id`;
  return rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
