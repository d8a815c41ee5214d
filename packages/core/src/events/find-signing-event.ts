import type { SqlExecutor } from '../signatures/sql-executor';

/** What the sign path needs to know about an event sign-up link. */
export interface SigningEvent {
  id: number;
  campaignId: number;
  startsAt: Date;
  endsAt: Date;
  expectedSize: number;
  revoked: boolean;
}

/**
 * Looks up an event sign-up link by its public code (null when there is none). The signer caches
 * the answer for a few seconds per process and decides itself whether it still applies (window,
 * revocation, campaign):
 * an expired, revoked or other campaign's link changes nothing (the normal rules apply).
 */
export async function findSigningEvent(exec: SqlExecutor, code: string): Promise<SigningEvent | null> {
  const [row] = await exec(
    `SELECT id, campaign_id, starts_at, ends_at, expected_size, revoked_at IS NOT NULL AS revoked FROM campaign_event WHERE code = $1`,
    [code],
  );
  if (!row) return null;
  return {
    id: Number(row.id),
    campaignId: Number(row.campaign_id),
    startsAt: new Date(row.starts_at as string | Date),
    endsAt: new Date(row.ends_at as string | Date),
    expectedSize: Number(row.expected_size),
    revoked: Boolean(row.revoked),
  };
}
