import type { Db } from '@undersigned/db';

/** How long a recipient may stay `sending` before it counts as interrupted (senders refresh it while they work). */
export const DEFAULT_SENDING_LEASE_MS = 120_000;

/** Rows reaped per statement (the rest on the next call). */
const REAP_LIMIT = 5_000;

export interface ReapInterruptedInput {
  /** One update (a send run, for its own update), or every update (the reconciler). */
  updateId?: string;
  /** Rows `sending` for longer than this are interrupted (default 2 minutes). */
  leaseMs?: number;
}

/**
 * The crash policy of updates (docs/DESIGN.md, invariant 9; apps/worker/README.md): a recipient
 * is `sending` only while a live run holds it between claiming it and recording the SMTP answer,
 * and that run refreshes `updated_at` while it works. A row `sending` for longer than the lease
 * belongs to a run that died, maybe after the SMTP server accepted the message: it becomes
 * `interrupted` and is never sent again (at most once), counted in `interrupted_count` in the same
 * transaction. Returns the rows interrupted per update.
 */
export async function reapInterruptedRecipients(db: Db, input: ReapInterruptedInput = {}): Promise<{ updateId: string; interrupted: number }[]> {
  const leaseMs = Math.max(1_000, input.leaseMs ?? DEFAULT_SENDING_LEASE_MS);
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ update_id: string; n: bigint }[]>`
      WITH stale AS (
        SELECT update_id, person_id FROM update_recipient
        WHERE status = 'sending' AND updated_at < now() - make_interval(secs => ${leaseMs / 1000}::float8)
          AND (${input.updateId ?? null}::uuid IS NULL OR update_id = ${input.updateId ?? null}::uuid)
        ORDER BY update_id, updated_at LIMIT ${REAP_LIMIT}
        FOR UPDATE SKIP LOCKED
      ), reaped AS (
        UPDATE update_recipient r
           SET status = 'interrupted', updated_at = now(),
               last_error = 'Interrupted while sending: the worker stopped before recording the SMTP answer, so it was not sent again.'
          FROM stale WHERE r.update_id = stale.update_id AND r.person_id = stale.person_id AND r.status = 'sending'
        RETURNING r.update_id
      )
      SELECT update_id::text AS update_id, count(*) AS n FROM reaped GROUP BY update_id`;
    for (const row of rows) {
      await tx.$executeRaw`
        UPDATE campaign_update SET interrupted_count = interrupted_count + ${Number(row.n)}::int, updated_at = now()
        WHERE id = ${row.update_id}::uuid`;
    }
    return rows.map((r) => ({ updateId: r.update_id, interrupted: Number(r.n) }));
  });
}
