import { Webhook } from 'standardwebhooks';
import type { Db } from '@undersigned/db';
import { buildWebhookPayload } from './build-webhook-payload';
import { checkWebhookUrl } from './check-webhook-url';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, postWebhook, type PostWebhookResult } from './post-webhook';
import { webhookMessageId } from './webhook-endpoint-view';

export const DEFAULT_WEBHOOK_RETRY_BASE_MS = 5_000;
export const DEFAULT_WEBHOOK_RETRY_MAX_MS = 3_600_000;
export const DEFAULT_WEBHOOK_GIVE_UP_MS = 86_400_000;
/** POSTs in flight to one endpoint at once, across every worker. */
export const WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT = 4;
/** Serialises claims across workers so the per-endpoint limit holds (claims take milliseconds). */
const CLAIM_LOCK = 0x5745_4248; // "WEBH"

export interface SendDueWebhooksOptions {
  /** Public web URL, for the links in payloads. */
  baseUrl: string;
  /** Deliveries claimed and POSTed at once by this call. */
  concurrency?: number;
  timeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** A delivery failing this long after it was created fails for good; an endpoint failing this long is disabled. */
  giveUpMs?: number;
  /** Development only (WEBHOOK_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls?: boolean;
  /** Injectable for tests; Math.random by default. */
  random?: () => number;
}

export interface SendDueWebhooksResult {
  claimed: number;
  succeeded: number;
  retrying: number;
  failed: number;
  /** Endpoints disabled by this call after failing for giveUpMs. */
  disabled: number;
}

/** Exponential backoff with full jitter on the upper half: base × 2^(attempt−1), capped. Pure. */
export function webhookRetryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + (exp / 2) * random());
}

/**
 * The `webhook-signature` header: the current secret's signature, plus the previous secret's while
 * a rotation's overlap lasts (space-separated, as the Standard Webhooks spec allows), so receivers
 * still holding the old secret keep verifying until they switch. Pure apart from the HMAC.
 */
export function signWebhook(
  secrets: { secret: string; previousSecret: string | null; previousExpiresAt: Date | null },
  msgId: string,
  timestamp: Date,
  body: string,
): string {
  const signatures = [new Webhook(secrets.secret).sign(msgId, timestamp, body)];
  if (secrets.previousSecret && secrets.previousExpiresAt && secrets.previousExpiresAt > timestamp) {
    signatures.push(new Webhook(secrets.previousSecret).sign(msgId, timestamp, body));
  }
  return signatures.join(' ');
}

interface Claimed {
  id: string;
  endpoint_id: string;
  event_ids: bigint[];
  test: boolean;
  attempts: number;
  created_at: Date;
  url: string;
  include_person: boolean;
  secret: string;
  previous_secret: string | null;
  previous_expires_at: Date | null;
}

/**
 * The sender: claims due deliveries (pending and due, or `sending` whose lease ran out because the
 * worker holding it died — so every delivery is sent at least once) with FOR UPDATE SKIP LOCKED,
 * at most WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT per endpoint across all workers, builds each payload
 * now, signs it (Standard Webhooks; `webhook-id` msg_<delivery id>, the same on every attempt),
 * re-checks the URL (SSRF) and POSTs it. Every attempt is logged. 2xx → succeeded; anything else
 * → retried with backoff until giveUpMs after the delivery was created, then failed. An endpoint
 * failing for giveUpMs is disabled (its pending deliveries fail) for an admin to look at.
 * Secrets are never logged nor put in an attempt's detail.
 */
export async function sendDueWebhooks(db: Db, options: SendDueWebhooksOptions): Promise<SendDueWebhooksResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const concurrency = options.concurrency ?? 8;
  // Longer than any send takes (the POST is bounded by timeoutMs); past it, a dead worker's claim is taken again.
  const leaseMs = 2 * timeoutMs + 5_000;
  const [, claimed] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`,
    db.$queryRaw<Claimed[]>`
      WITH due AS (
        SELECT d.id FROM webhook_endpoint e
        CROSS JOIN LATERAL (
          SELECT count(*)::int AS n FROM webhook_delivery f
          WHERE f.endpoint_id = e.id AND f.status = 'sending' AND f.locked_until >= now()
        ) busy
        CROSS JOIN LATERAL (
          SELECT d.id, d.next_attempt_at FROM webhook_delivery d
          WHERE d.endpoint_id = e.id AND (e.enabled OR d.test)
            AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.locked_until < now()))
          ORDER BY d.next_attempt_at
          LIMIT greatest(0, ${WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT} - busy.n)
          FOR UPDATE OF d SKIP LOCKED
        ) d
        ORDER BY d.next_attempt_at
        LIMIT ${concurrency}
      )
      UPDATE webhook_delivery d
         SET status = 'sending', attempts = d.attempts + 1, locked_until = now() + ${leaseMs} * interval '1 millisecond'
      FROM due, webhook_endpoint e
      WHERE d.id = due.id AND e.id = d.endpoint_id
      RETURNING d.id, d.endpoint_id, d.event_ids, d.test, d.attempts, d.created_at,
                e.url, e.include_person, e.secret, e.previous_secret, e.previous_expires_at`,
  ]);
  const result: SendDueWebhooksResult = { claimed: claimed.length, succeeded: 0, retrying: 0, failed: 0, disabled: 0 };
  await Promise.all(
    claimed.map(async (d) => {
      const outcome = await attempt(db, d, { ...options, timeoutMs });
      await record(db, d, outcome, options, result);
    }),
  );
  return result;
}

async function attempt(db: Db, d: Claimed, options: SendDueWebhooksOptions & { timeoutMs: number }): Promise<PostWebhookResult> {
  // Re-checked at every send: DNS may have changed since the endpoint was saved.
  const check = await checkWebhookUrl(d.url, { allowPrivate: options.allowPrivateUrls });
  if (!check.ok) return { ok: false, statusCode: null, latencyMs: 0, detail: `Refused before connecting: ${check.reason}` };
  let body: string;
  try {
    const events = await buildWebhookPayload(
      db,
      { id: d.id, eventIds: d.event_ids, test: d.test, createdAt: d.created_at },
      { includePerson: d.include_person },
      options.baseUrl,
    );
    body = JSON.stringify(events);
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      latencyMs: 0,
      detail: `Could not build the payload: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  const msgId = webhookMessageId(d.id);
  const timestamp = new Date();
  return postWebhook({
    url: d.url,
    body,
    timeoutMs: options.timeoutMs,
    allowPrivate: options.allowPrivateUrls,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Undersigned-Webhooks/1',
      'webhook-id': msgId,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': signWebhook(
        { secret: d.secret, previousSecret: d.previous_secret, previousExpiresAt: d.previous_expires_at },
        msgId,
        timestamp,
        body,
      ),
    },
  });
}

async function record(db: Db, d: Claimed, outcome: PostWebhookResult, options: SendDueWebhooksOptions, result: SendDueWebhooksResult): Promise<void> {
  const giveUpMs = options.giveUpMs ?? DEFAULT_WEBHOOK_GIVE_UP_MS;
  const detail = outcome.detail.slice(0, 1000);
  const lastError = outcome.ok ? null : `${outcome.statusCode === null ? '' : `HTTP ${outcome.statusCode}: `}${detail}`.slice(0, 500);
  await db.$transaction(async (tx) => {
    // The endpoint may have been deleted meanwhile (its deliveries went with it): nothing to record.
    const logged = await tx.$executeRaw`
      INSERT INTO webhook_attempt (delivery_id, attempt, status_code, latency_ms, detail, ok)
      SELECT id, ${d.attempts}::int, ${outcome.statusCode}::int, ${outcome.latencyMs}::int, ${detail || null}::text, ${outcome.ok}::boolean
      FROM webhook_delivery WHERE id = ${d.id}::uuid`;
    if (logged === 0) return;
    if (outcome.ok) {
      await tx.webhookDelivery.update({
        where: { id: d.id },
        data: {
          status: 'succeeded',
          succeededAt: new Date(),
          lockedUntil: null,
          lastStatusCode: outcome.statusCode,
          lastLatencyMs: outcome.latencyMs,
          lastError: null,
        },
      });
      if (!d.test) await tx.webhookEndpoint.updateMany({ where: { id: d.endpoint_id, failingSince: { not: null } }, data: { failingSince: null } });
      result.succeeded += 1;
      return;
    }
    const delay = webhookRetryDelayMs(
      d.attempts,
      options.retryBaseMs ?? DEFAULT_WEBHOOK_RETRY_BASE_MS,
      options.retryMaxMs ?? DEFAULT_WEBHOOK_RETRY_MAX_MS,
      options.random,
    );
    // A test delivery is tried once: staff see the answer and can send another.
    const [row] = await tx.$queryRaw<{ status: string }[]>`
      UPDATE webhook_delivery SET
        status = CASE WHEN test OR created_at < now() - ${giveUpMs} * interval '1 millisecond' THEN 'failed' ELSE 'pending' END::"WebhookDeliveryStatus",
        next_attempt_at = now() + ${delay} * interval '1 millisecond', locked_until = NULL,
        last_status_code = ${outcome.statusCode}, last_latency_ms = ${outcome.latencyMs}, last_error = ${lastError}
      WHERE id = ${d.id}::uuid
      RETURNING status::text AS status`;
    if (row?.status === 'failed') result.failed += 1;
    else result.retrying += 1;
    if (d.test) return;
    const [endpoint] = await tx.$queryRaw<{ enabled: boolean; failing_since: Date; overdue: boolean }[]>`
      UPDATE webhook_endpoint SET failing_since = coalesce(failing_since, now())
      WHERE id = ${d.endpoint_id}::uuid
      RETURNING enabled, failing_since, failing_since < now() - ${giveUpMs} * interval '1 millisecond' AS overdue`;
    if (endpoint?.enabled && endpoint.overdue) {
      const reason = `Disabled automatically: failing since ${endpoint.failing_since.toISOString()}. Last error: ${lastError ?? 'unknown'}`;
      await tx.webhookEndpoint.update({
        where: { id: d.endpoint_id },
        data: { enabled: false, disabledAt: new Date(), disabledReason: reason.slice(0, 300) },
      });
      const failed = await tx.webhookDelivery.updateMany({
        where: { endpointId: d.endpoint_id, status: 'pending', test: false },
        data: { status: 'failed', lastError: 'The endpoint was disabled after failing for too long.' },
      });
      result.failed += failed.count;
      result.disabled += 1;
    } else if (endpoint && !endpoint.enabled && row?.status === 'pending') {
      // Another attempt disabled the endpoint while this one was in flight (it waited for that
      // transaction's lock on the endpoint row, so it sees the result): that disable failed the
      // deliveries pending then, not this one, which was still sending. Fail it the same way.
      await tx.webhookDelivery.updateMany({
        where: { id: d.id, status: 'pending' },
        data: { status: 'failed', lastError: 'The endpoint was disabled after failing for too long.' },
      });
      result.retrying -= 1;
      result.failed += 1;
    }
  });
}
