import type { Db } from '@undersigned/db';
import { classifySmtpError, describeSmtpError, domainOf, listUnsubscribeHeaders, type Mailer } from '@undersigned/email';
import { recordSuppression } from './record-suppression';
import { suppressionHashPads, suppressionHashSql } from './suppression-hash';
import { createUnsubscribeToken } from './unsubscribe-token';
import type { UpdateEmails, UpdateLocale } from './prepare-update-emails';
import type { UpdateSendThrottle } from './update-send-throttle';

export interface UpdateBatchDeps {
  mailer: Mailer;
  throttle: UpdateSendThrottle;
  /** CONFIRM_TOKEN_SECRET: unsubscribe tokens and the suppression list's HMAC. */
  secret: string;
  /** Recipients claimed per batch (default 100). */
  batchSize?: number;
  /** Messages in flight at once within a batch, through the pooled mailer (default 8). */
  concurrency?: number;
  /** Temporary failures (4xx, timeouts) are retried this many attempts in all, then `failed` (default 5). */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at one hour (default 60 s). */
  retryBaseMs?: number;
  /** The `sending` lease (reapInterruptedRecipients); a batch refreshes its rows at a third of it (default 2 minutes). */
  leaseMs?: number;
}

export interface UpdateBatchContext {
  updateId: string;
  campaignId: number;
  emails: UpdateEmails;
}

export interface UpdateBatchResult {
  /** Rows claimed (0: nothing claimable now, or the update is no longer `sending`). */
  claimed: number;
  sent: number;
  failed: number;
  /** Suppressed at claim time (unsubscribed, bounced or no longer counted since planning). */
  suppressed: number;
  /** Temporary failures put back to `pending` for a later attempt. */
  retried: number;
  /** 5xx answers that put the address on the suppression list. */
  bounced: number;
}

const SUPPRESSED_AT_CLAIM = 'Not sent: unsubscribed, bouncing or no longer counted by the time its turn came.';

/** The deterministic Message-ID of one recipient's copy of an update (bounce webhooks map it back). */
export function updateMessageId(updateId: string, personId: number, from: string): string {
  return `<update-${updateId}-${personId}@${domainOf(from)}>`;
}

interface Claimed {
  person_id: number;
  locale: UpdateLocale;
  email: string;
  canonical_email: string;
  ok: boolean;
  attempts: number;
}

type Outcome = { personId: number; status: 'sent' } | { personId: number; status: 'failed' | 'pending'; error: string; permanent: boolean };

/**
 * One batch of an update's sending (docs/DESIGN.md, invariant 9):
 * 1. Claim (one transaction): the next pending recipients whose retry time has come, in person
 *    order, `FOR UPDATE SKIP LOCKED` so concurrent senders never share a row, only while the update
 *    is `sending`. Each is re-checked against the audience at this moment — the person still
 *    consents and is `subscribed`, the address is not on the suppression list for the campaign or
 *    all updates, the signature still counts — and becomes `sending` (attempts + 1) or
 *    `suppressed` (counted on the update in the same transaction).
 * 2. Send: each message takes a point of the shared throttle, then goes through the pooled mailer,
 *    `concurrency` at a time, with Message-ID `<update-{updateId}-{personId}@{domain}>` and the
 *    List-Unsubscribe / List-Unsubscribe-Post headers of the recipient's own token. The claimed
 *    rows' `updated_at` is refreshed while the batch works, so the reaper only ever takes rows of
 *    a run that died.
 * 3. Record (one transaction): sent; 5xx → `failed` and the address suppressed (bounce, source
 *    `smtp`, counted on the update); 4xx / timeouts → back to `pending` with a backoff, or `failed`
 *    after `maxAttempts`; and the update's counters. Only rows still `sending` are written.
 * A crash between 2 and 3 leaves rows `sending`: reaped as `interrupted`, never re-sent.
 */
export async function sendUpdateBatch(db: Db, ctx: UpdateBatchContext, deps: UpdateBatchDeps): Promise<UpdateBatchResult> {
  const batchSize = Math.max(1, Math.min(deps.batchSize ?? 100, 1_000));
  const concurrency = Math.max(1, Math.min(deps.concurrency ?? 8, 100));
  const maxAttempts = Math.max(1, deps.maxAttempts ?? 5);
  const retryBaseMs = Math.max(100, deps.retryBaseMs ?? 60_000);
  const leaseMs = Math.max(1_000, deps.leaseMs ?? 120_000);
  const { inner, outer } = suppressionHashPads(deps.secret);

  const claimed = await db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<Claimed[]>(
      `WITH picked AS (
         SELECT r.person_id, r.locale::text AS locale, p.email, p.canonical_email,
                coalesce(s.status = 'confirmed', false)
                AND p.email_status = 'subscribed' AND p.consented_at IS NOT NULL
                AND NOT EXISTS (
                  SELECT 1 FROM email_suppression x
                  WHERE x.email_hash = ${suppressionHashSql('p.canonical_email', '$3::bytea', '$4::bytea')}
                    AND (x.campaign_id IS NULL OR x.campaign_id = $2)
                    AND NOT (x.reason = 'unsubscribe' AND x.campaign_id IS NULL AND p.consented_at > x.created_at)
                ) AS ok
         FROM update_recipient r
         JOIN person p ON p.id = r.person_id
         LEFT JOIN signature s ON s.campaign_id = $2 AND s.person_id = r.person_id
         WHERE r.update_id = $1::uuid AND r.status = 'pending' AND (r.not_before IS NULL OR r.not_before <= now())
           AND EXISTS (SELECT 1 FROM campaign_update u WHERE u.id = $1::uuid AND u.status = 'sending')
         ORDER BY r.person_id
         LIMIT $5
         FOR UPDATE OF r SKIP LOCKED
       )
       UPDATE update_recipient r
          SET status = (CASE WHEN picked.ok THEN 'sending' ELSE 'suppressed' END)::"RecipientStatus",
              attempts = r.attempts + (CASE WHEN picked.ok THEN 1 ELSE 0 END),
              last_error = CASE WHEN picked.ok THEN r.last_error ELSE $6 END,
              not_before = NULL,
              updated_at = now()
         FROM picked
        WHERE r.update_id = $1::uuid AND r.person_id = picked.person_id
       RETURNING r.person_id, picked.locale, picked.email, picked.canonical_email, picked.ok, r.attempts::int AS attempts`,
      ctx.updateId,
      ctx.campaignId,
      inner,
      outer,
      batchSize,
      SUPPRESSED_AT_CLAIM,
    );
    const suppressed = rows.filter((r) => !r.ok).length;
    if (suppressed) {
      await tx.$executeRaw`UPDATE campaign_update SET suppressed_count = suppressed_count + ${suppressed}::int, updated_at = now() WHERE id = ${ctx.updateId}::uuid`;
    }
    return rows;
  });

  const result: UpdateBatchResult = { claimed: claimed.length, sent: 0, failed: 0, suppressed: 0, retried: 0, bounced: 0 };
  const toSend = claimed.filter((r) => r.ok).sort((a, b) => a.person_id - b.person_id);
  result.suppressed = claimed.length - toSend.length;
  if (!toSend.length) return result;

  // Keep the claimed rows' lease fresh while the batch waits for the throttle and SMTP.
  const ids = toSend.map((r) => r.person_id);
  const heartbeat = setInterval(
    () =>
      void db.$executeRaw`
        UPDATE update_recipient SET updated_at = now()
        WHERE update_id = ${ctx.updateId}::uuid AND person_id = ANY(${ids}::int[]) AND status = 'sending'`.catch(() => undefined),
    Math.max(500, Math.floor(leaseMs / 3)),
  );
  const outcomes: Outcome[] = [];
  try {
    let next = 0;
    const lane = async () => {
      while (next < toSend.length) {
        const row = toSend[next++]!;
        await deps.throttle.take();
        const token = createUnsubscribeToken({ personId: row.person_id, campaignId: ctx.campaignId, updateId: ctx.updateId }, deps.secret);
        const email = ctx.emails.forRecipient(row.locale, token);
        try {
          await deps.mailer.send({
            to: row.email,
            subject: email.subject,
            html: email.html,
            text: email.text,
            messageId: updateMessageId(ctx.updateId, row.person_id, deps.mailer.from),
            headers: { ...listUnsubscribeHeaders(email.unsubscribeUrl), 'X-Undersigned-Update': ctx.updateId },
          });
          outcomes.push({ personId: row.person_id, status: 'sent' });
        } catch (error) {
          const description = describeSmtpError(error);
          if (classifySmtpError(error) === 'permanent') {
            outcomes.push({ personId: row.person_id, status: 'failed', error: description, permanent: true });
          } else if (row.attempts >= maxAttempts) {
            outcomes.push({
              personId: row.person_id,
              status: 'failed',
              error: `Gave up after ${row.attempts} attempts: ${description}`,
              permanent: false,
            });
          } else {
            outcomes.push({ personId: row.person_id, status: 'pending', error: description, permanent: false });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, toSend.length) }, lane));
  } finally {
    clearInterval(heartbeat);
  }

  const byId = new Map(toSend.map((r) => [r.person_id, r]));
  const delayOf = (o: Outcome) => {
    if (o.status !== 'pending') return 0;
    const attempts = byId.get(o.personId)?.attempts ?? 1;
    const base = Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), 3600_000);
    return Math.round(base * (0.8 + Math.random() * 0.4));
  };
  await db.$transaction(async (tx) => {
    const written = await tx.$queryRaw<{ status: string; person_id: number }[]>`
      WITH v AS (
        SELECT * FROM unnest(${outcomes.map((o) => o.personId)}::int[], ${outcomes.map((o) => o.status)}::text[],
                             ${outcomes.map((o) => (o.status === 'sent' ? '' : o.error))}::text[], ${outcomes.map(delayOf)}::int[])
                 AS v(person_id, status, err, delay_ms)
      )
      UPDATE update_recipient r
         SET status = v.status::"RecipientStatus",
             sent_at = CASE WHEN v.status = 'sent' THEN now() ELSE r.sent_at END,
             last_error = nullif(left(v.err, 500), ''),
             not_before = CASE WHEN v.status = 'pending' THEN now() + make_interval(secs => v.delay_ms / 1000.0) END,
             updated_at = now()
        FROM v
       WHERE r.update_id = ${ctx.updateId}::uuid AND r.person_id = v.person_id AND r.status = 'sending'
      RETURNING v.status, r.person_id`;
    const writtenIds = new Set(written.map((w) => w.person_id));
    for (const w of written) {
      if (w.status === 'sent') result.sent += 1;
      else if (w.status === 'failed') result.failed += 1;
      else result.retried += 1;
    }
    if (result.sent || result.failed) {
      await tx.$executeRaw`
        UPDATE campaign_update SET sent_count = sent_count + ${result.sent}::int, failed_count = failed_count + ${result.failed}::int, updated_at = now()
        WHERE id = ${ctx.updateId}::uuid`;
    }
    for (const o of outcomes) {
      if (o.status === 'sent' || !o.permanent || !writtenIds.has(o.personId)) continue;
      await recordSuppression(
        tx,
        {
          canonicalEmail: byId.get(o.personId)!.canonical_email,
          campaignId: null,
          reason: 'bounce',
          source: 'smtp',
          updateId: ctx.updateId,
          detail: o.error,
        },
        deps.secret,
      );
      result.bounced += 1;
    }
  });
  return result;
}
