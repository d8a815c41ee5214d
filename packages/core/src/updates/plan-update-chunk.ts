import type { Db } from '@undersigned/db';
import { AUDIENCE_FROM_WHERE, audienceParams } from './update-audience';

/** Signatures looked at per planning run (one bounded transaction). */
export const DEFAULT_PLAN_CHUNK = 5_000;

export interface PlanUpdateChunkInput {
  updateId: string;
  /** Signatures of the campaign looked at in this run (default 5,000). */
  chunk?: number;
  /** The signer-token secret (CONFIRM_TOKEN_SECRET): the suppression list's HMAC key. */
  secret: string;
}

export interface PlanUpdateChunkResult {
  /** Recipient rows written by this run (a row already there is not counted again). */
  inserted: number;
  /** No further planning run is needed (planning finished now or earlier, or the update is not planning). */
  done: boolean;
  /** The update's status after this run. */
  status: string | null;
  /** This run finished planning and switched the update to `sending`: the caller queues the senders. */
  startedSending: boolean;
}

/**
 * One planning run of an update to signers (docs/DESIGN.md, invariant 9): the next window of at
 * most `chunk` signatures of the campaign after the cursor, in person order (keyset over the
 * unique (campaign_id, person_id) index, so a run costs the same at the start and the end of a
 * million-signature campaign), filtered by the update audience (AUDIENCE_FROM_WHERE, the same
 * SQL as the count staff saw), one `update_recipient` row per person in their signature's
 * language, `ON CONFLICT DO NOTHING`.
 *
 * One transaction holding the update row's lock: runs of the same update (a duplicate job, the
 * reconciler's) take turns, each on the next window, and a run writes nothing unless the update is
 * still `planning` (a pause or cancel committed first wins). The cursor `planned_through` (a
 * person id) and `recipient_count` advance with the rows. A window shorter than `chunk` was the
 * last: the update becomes `sending` (planned_at, and run_started_at = now: sending time is what
 * the progress view's rate measures).
 */
export async function planUpdateChunk(db: Db, input: PlanUpdateChunkInput): Promise<PlanUpdateChunkResult> {
  const chunk = Math.max(1, Math.min(input.chunk ?? DEFAULT_PLAN_CHUNK, 100_000));
  return db.$transaction(
    async (tx) => {
      const [update] = await tx.$queryRaw<{ campaign_id: number; status: string; planned_through: bigint }[]>`
        SELECT campaign_id, status::text AS status, planned_through FROM campaign_update WHERE id = ${input.updateId}::uuid FOR UPDATE`;
      if (!update) return { inserted: 0, done: true, status: null, startedSending: false };
      if (update.status !== 'planning') return { inserted: 0, done: true, status: update.status, startedSending: false };

      const [window] = await tx.$queryRaw<{ n: bigint; hi: number | null }[]>`
        SELECT count(*) AS n, max(person_id) AS hi FROM (
          SELECT person_id FROM signature
          WHERE campaign_id = ${update.campaign_id} AND person_id > ${update.planned_through}
          ORDER BY person_id LIMIT ${chunk}
        ) w`;
      const seen = Number(window?.n ?? 0);
      let inserted = 0;
      if (seen > 0 && window?.hi != null) {
        const params = audienceParams(update.campaign_id, input.secret);
        inserted = await tx.$executeRawUnsafe(
          `INSERT INTO update_recipient (update_id, person_id, locale)
           SELECT $4::uuid, s.person_id, s.locale ${AUDIENCE_FROM_WHERE}
             AND s.person_id > $5 AND s.person_id <= $6
           ORDER BY s.person_id
           ON CONFLICT DO NOTHING`,
          ...params,
          input.updateId,
          Number(update.planned_through),
          window.hi,
        );
      }
      const last = seen < chunk;
      await tx.$executeRaw`
        UPDATE campaign_update
           SET planned_through = greatest(planned_through, ${window?.hi ?? 0}::bigint),
               recipient_count = recipient_count + ${inserted}::int,
               status = (CASE WHEN ${last} THEN 'sending' ELSE status::text END)::"UpdateStatus",
               planned_at = CASE WHEN ${last} THEN now() ELSE planned_at END,
               run_started_at = CASE WHEN ${last} THEN now() ELSE run_started_at END,
               updated_at = now()
         WHERE id = ${input.updateId}::uuid AND status = 'planning'`;
      return { inserted, done: last, status: last ? 'sending' : 'planning', startedSending: last };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
