import type { Db } from '@undersigned/db';
import { cancelPendingRecipients } from './cancel-pending-recipients';
import { prepareUpdateEmails } from './prepare-update-emails';
import { reapInterruptedRecipients, DEFAULT_SENDING_LEASE_MS } from './reap-interrupted-recipients';
import { sendUpdateBatch, type UpdateBatchDeps } from './send-update-batch';

export interface UpdateSendRunDeps extends UpdateBatchDeps {
  /** PUBLIC_WEB_URL (campaign and unsubscribe links). */
  publicWebUrl: string;
  /** A run stops claiming after this long and asks for a successor (default 30 s). */
  maxRunMs?: number;
  /** Checked between batches: true stops the run after the current batch (graceful shutdown). */
  shouldStop?: () => boolean;
}

export type UpdateSendRunOutcome =
  | 'finished' // nothing pending or sending was left: the update is now `sent`
  | 'continue' // stopped at its time budget (or shutdown) with work left: queue the next run now
  | 'waiting' // only retries not yet due, or rows in flight elsewhere: queue the next run after delayMs
  | 'cancelling' // cancelled: remaining pending rows marked `cancelled` (more may be left: see more)
  | 'not_sending' // planning, paused, sent or cancelled with nothing left: nothing to do
  | 'not_found';

export interface UpdateSendRunResult {
  outcome: UpdateSendRunOutcome;
  updateId: string;
  status?: string;
  batches: number;
  sent: number;
  failed: number;
  suppressed: number;
  retried: number;
  bounced: number;
  interrupted: number;
  cancelled: number;
  /** The caller should queue another run (after delayMs when set). */
  more: boolean;
  delayMs?: number;
  durationMs: number;
}

/**
 * One sending run of an update (the `updates.send` job): reaps this update's interrupted rows,
 * then, while it is `sending`, sends batches (sendUpdateBatch) until nothing is claimable, its
 * time budget is spent or the worker is shutting down (the current batch always finishes). It
 * then finishes the update when nothing is pending or sending (`sent`, finished_at, active time
 * added), or says when a successor should run. A cancelled update gets its pending rows marked
 * `cancelled` in bounded chunks. Any other status: nothing to do (a paused update's runs end; the
 * resume queues a new one).
 */
export async function runUpdateSend(db: Db, input: { updateId: string }, deps: UpdateSendRunDeps): Promise<UpdateSendRunResult> {
  const started = Date.now();
  const maxRunMs = Math.max(100, deps.maxRunMs ?? 30_000);
  const leaseMs = Math.max(1_000, deps.leaseMs ?? DEFAULT_SENDING_LEASE_MS);
  const result: UpdateSendRunResult = {
    outcome: 'not_found',
    updateId: input.updateId,
    batches: 0,
    sent: 0,
    failed: 0,
    suppressed: 0,
    retried: 0,
    bounced: 0,
    interrupted: 0,
    cancelled: 0,
    more: false,
    durationMs: 0,
  };
  const done = (fields: Partial<UpdateSendRunResult>) => Object.assign(result, fields, { durationMs: Date.now() - started });

  const update = await db.campaignUpdate.findUnique({
    where: { id: input.updateId },
    include: { campaign: { select: { id: true, slug: true, defaultLocale: true, translations: { select: { locale: true, title: true } } } } },
  });
  if (!update) return done({ outcome: 'not_found' });
  result.interrupted = (await reapInterruptedRecipients(db, { updateId: update.id, leaseMs }))[0]?.interrupted ?? 0;

  if (update.status === 'cancelled') {
    let more = true;
    while (more && Date.now() - started < maxRunMs && !deps.shouldStop?.()) {
      const n = await cancelPendingRecipients(db, { updateId: update.id });
      result.cancelled += n;
      more = n > 0;
    }
    return done({ outcome: result.cancelled || more ? 'cancelling' : 'not_sending', status: 'cancelled', more });
  }
  if (update.status !== 'sending') return done({ outcome: 'not_sending', status: update.status });

  const emails = prepareUpdateEmails({ update, campaign: update.campaign, publicWebUrl: deps.publicWebUrl, mailFrom: deps.mailer.from });
  const ctx = { updateId: update.id, campaignId: update.campaignId, emails };
  for (;;) {
    if (Date.now() - started >= maxRunMs || deps.shouldStop?.()) return done({ outcome: 'continue', status: 'sending', more: true });
    const batch = await sendUpdateBatch(db, ctx, { ...deps, leaseMs });
    if (batch.claimed === 0) break;
    result.batches += 1;
    result.sent += batch.sent;
    result.failed += batch.failed;
    result.suppressed += batch.suppressed;
    result.retried += batch.retried;
    result.bounced += batch.bounced;
  }

  // Nothing claimable: finished, cancelled or paused meanwhile, or waiting for retries / other runs.
  const [state] = await db.$queryRaw<{ status: string; next_retry_ms: number | null; oldest_sending_ms: number | null }[]>`
    WITH fin AS (
      UPDATE campaign_update
         SET status = 'sent', finished_at = now(),
             active_seconds = active_seconds + coalesce(greatest(0, extract(epoch FROM now() - run_started_at))::int, 0),
             run_started_at = NULL, updated_at = now()
       WHERE id = ${update.id}::uuid AND status = 'sending'
         AND NOT EXISTS (SELECT 1 FROM update_recipient WHERE update_id = ${update.id}::uuid AND status = 'pending')
         AND NOT EXISTS (SELECT 1 FROM update_recipient WHERE update_id = ${update.id}::uuid AND status = 'sending')
      RETURNING id, campaign_id, status::text AS status
    ),
    -- The update.sent webhook event commits with the 'sent' status (webhooks/record-webhook-events.ts).
    w AS (
      INSERT INTO webhook_event (type, campaign_id, data)
      SELECT 'update.sent', fin.campaign_id, jsonb_build_object('update_id', fin.id::text) FROM fin
      WHERE EXISTS (SELECT 1 FROM webhook_endpoint we WHERE we.enabled AND 'update.sent' = ANY(we.events))
    )
    SELECT coalesce((SELECT status FROM fin), (SELECT status::text FROM campaign_update WHERE id = ${update.id}::uuid)) AS status,
           (SELECT extract(epoch FROM min(not_before) - now()) * 1000 FROM update_recipient
             WHERE update_id = ${update.id}::uuid AND status = 'pending')::float8 AS next_retry_ms,
           (SELECT extract(epoch FROM now() - min(updated_at)) * 1000 FROM update_recipient
             WHERE update_id = ${update.id}::uuid AND status = 'sending')::float8 AS oldest_sending_ms`;
  const status = state?.status ?? 'unknown';
  // The finishing statement sees the table as it was before it ran: `sent` here means it just finished.
  if (status === 'sent') return done({ outcome: 'finished', status });
  if (status === 'cancelled') return done({ outcome: 'cancelling', status, more: true });
  if (status !== 'sending') return done({ outcome: 'not_sending', status });
  const waits: number[] = [];
  if (state?.next_retry_ms != null) waits.push(state.next_retry_ms);
  if (state?.oldest_sending_ms != null) waits.push(leaseMs - state.oldest_sending_ms + 500);
  const delayMs = Math.round(Math.min(Math.max(500, waits.length ? Math.min(...waits) : 1_000), leaseMs + 1_000));
  return done({ outcome: 'waiting', status, more: true, delayMs });
}
