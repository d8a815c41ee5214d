import type { Db } from '@undersigned/db';

/**
 * For a cancelled update: marks up to `limit` of its still-pending recipients `cancelled` and adds
 * them to the update's cancelled_count, in one transaction. Rows another run holds are skipped
 * (SKIP LOCKED: that run's batch finishes). Returns how many were cancelled (0: none left).
 */
export async function cancelPendingRecipients(db: Db, input: { updateId: string; limit?: number }): Promise<number> {
  const limit = Math.max(1, Math.min(input.limit ?? 5_000, 50_000));
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ n: bigint }[]>`
      WITH c AS (
        SELECT person_id FROM update_recipient
        WHERE update_id = ${input.updateId}::uuid AND status = 'pending'
          AND EXISTS (SELECT 1 FROM campaign_update u WHERE u.id = ${input.updateId}::uuid AND u.status = 'cancelled')
        ORDER BY person_id LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), done AS (
        UPDATE update_recipient r SET status = 'cancelled', updated_at = now()
          FROM c WHERE r.update_id = ${input.updateId}::uuid AND r.person_id = c.person_id AND r.status = 'pending'
        RETURNING 1
      )
      SELECT count(*) AS n FROM done`;
    const n = Number(row?.n ?? 0);
    if (n)
      await tx.$executeRaw`UPDATE campaign_update SET cancelled_count = cancelled_count + ${n}::int, updated_at = now() WHERE id = ${input.updateId}::uuid`;
    return n;
  });
}
