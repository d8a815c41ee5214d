import { getLogger, type Logger } from '@undersigned/log';
import { isDisposableDomain } from '../abuse/is-disposable-domain';
import { EMPTY_ABUSE_LISTS, loadAbuseLists, type AbuseLists } from '../abuse/load-abuse-lists';
import { createReadCache } from '../concurrency/create-read-cache';
import { findSigningEvent, type SigningEvent } from '../events/find-signing-event';
import { AppError, isAppError } from '../errors';
import { hashIp } from '../privacy/hash-ip';
import type { SignatureLimiter } from '../ratelimit/create-signature-limiter';
import { eventRule } from '../ratelimit/signature-limits';
import type { SignatureBatcher } from './create-signature-batcher';
import { getSigningCampaign, type SigningCampaign } from './get-signing-campaign';
import { prepareSignature, type HoldReason, type PreparedSignature, type SignContext } from './prepare-signature';
import { fieldErrorsFrom, signatureInputSchema, type FieldErrorKey, type SignatureInput } from './signature-input';
import type { SqlExecutor } from './sql-executor';
import { writeSignatures } from './write-signatures';

export interface SignerOptions {
  /** Runs the campaign lookup, and the writes when there is no batcher. */
  exec: SqlExecutor;
  /** Group commit (createSignatureBatcher). Without one, each signature is its own statement. */
  batcher?: Pick<SignatureBatcher, 'write'>;
  /** Rate limits (createSignatureLimiter). Without one, nothing is limited. */
  limiter?: Pick<SignatureLimiter, 'check'>;
  /** Redis key prefix of the rate limits (default `rl:sign`). */
  rateLimitPrefix?: string;
  /**
   * Queues the confirmation email of a stored signature that awaits confirmation. Not awaited:
   * Postgres holds the pending row, and the worker's reconciler sends what was never queued.
   */
  enqueueConfirmation?: (signatureId: string) => Promise<unknown>;
  /** Keys of the IP hash (needed when submissions carry `ip`) and of confirmation tokens (needed by campaigns that confirm by email). */
  secrets?: { ipHash?: string; confirmToken?: string };
  /**
   * How long a campaign lookup is reused, in ms (default 1,000; 0 looks it up every time). A closed
   * campaign still cannot take a signature meanwhile: writeSignatures re-checks `published` in
   * the statement that inserts.
   */
  campaignCacheMs?: number;
  /**
   * How long the block and allow lists and event links are reused, in ms (default 5,000; 0 reads
   * them every time). A new block-list entry or a revoked event link applies within this time.
   */
  abuseListCacheMs?: number;
  /** Where faults are logged (an unexpected signing error, a confirmation email not queued). Default: the process's logger. */
  logger?: Pick<Logger, 'warn' | 'error'>;
  /** Told of every attempt's outcome (metrics): never of who signed or for which campaign. */
  observe?: (event: SignEvent) => void;
}

/** What an observer learns of one attempt: accepted with the stored row's status, or the refusal's code. */
export type SignEvent =
  | { outcome: 'accepted'; status: PreparedSignature['status']; heldReason: HoldReason | null }
  | { outcome: 'refused'; reason: Exclude<SignOutcome, { ok: true }>['code'] };

/** One attempt. Callers with no client (seed, imports, tests) give `ipHash` instead of `ip`. */
export interface SignSubmission extends Pick<SignContext, 'ipHash' | 'suspicious'> {
  /** As received; validated here. */
  input: SignatureInput;
  /** The honeypot field: humans never see it, so any value marks the signature suspicious. */
  honeypot?: string;
  /** The client's address, hashed with `secrets.ipHash` before it is used; never stored raw. */
  ip?: string;
  /**
   * The caller has already rate-limited this attempt by its own rule — an authenticated API key's
   * per-key limit (a CRM posts every signature from one server address, which the per-IP limit
   * would block) — so the per-IP and per-email-domain limits are skipped. Never set from input.
   */
  limitedByCaller?: boolean;
  /** The HTTP request's id (`X-Request-Id`): logged with the batch that commits the row, and with any fault. */
  reqId?: string;
}

export interface SignResult {
  campaignId: number;
  /**
   * What the signer is told: `pending` (check your email) when the campaign requires confirmation,
   * else `confirmed`. Decided by campaign policy, never by whether this email signed before
   * (docs/DESIGN.md invariant 2: a repeat is answered exactly like a first signature).
   */
  status: 'pending' | 'confirmed';
  /** Referral code for this signer's share links (the earlier signature's for a repeat). */
  shareCode: string;
  /** Internal: the signature row. */
  signatureId: bigint;
  /** Internal: the stored row still awaits confirmation (its confirmation email was queued). */
  awaitingConfirmation: boolean;
}

export type SignOutcome =
  | ({ ok: true } & SignResult)
  | { ok: false; code: 'validation'; fields: Record<string, FieldErrorKey> }
  | { ok: false; code: 'not_found' | 'campaign_not_open' | 'unavailable'; message: string }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

export interface Signer {
  /**
   * Records one signature: `ok` only once its row is committed. Every refusal and failure is an
   * outcome; it rejects only when misconfigured (an `ip` without `secrets.ipHash`).
   */
  sign(slug: string, submission: SignSubmission): Promise<SignOutcome>;
  /**
   * Graceful shutdown: from now on every sign() is answered `unavailable` (HTTP 503 + Retry-After:
   * the client signs again elsewhere), and the returned promise resolves once every sign() already
   * under way has settled — its group-commit batch committed (or failed) and its caller answered.
   */
  close(): Promise<void>;
}

/** What a signer that is shutting down answers (docs/DESIGN.md invariant 1: no 2xx without a row). */
const SIGNER_CLOSED_MESSAGE = 'This server is restarting. Please retry.';

const CLOSED = 'This petition is closed and no longer takes signatures.';

/**
 * Why a signature that passed the rate limits' block level is held for review, or null to let it
 * count (issue 15, docs/DESIGN.md invariant 8). Block lists first (they are never released by an
 * email confirmation), then the rate limits' suspicious tier, then throwaway-mail domains. Allow
 * lists exempt from the rules they name (the limiter already skipped their windows).
 */
function holdReasonFor(
  lists: AbuseLists,
  ipHash: string | null,
  domain: string,
  verdict: { verdict: string; rule?: 'ip' | 'email_domain' | 'event' } | null,
): HoldReason | null {
  if (ipHash && lists.blockedIpHashes.has(ipHash)) return 'blocked_ip';
  if (lists.blockedDomains.has(domain)) return 'blocked_domain';
  if (verdict?.verdict === 'suspicious')
    return verdict.rule === 'event' ? 'event_capacity' : verdict.rule === 'email_domain' ? 'domain_rate' : 'ip_rate';
  if (!lists.allowedDomains.has(domain) && isDisposableDomain(domain)) return 'disposable_domain';
  return null;
}

/** Most client addresses whose hash a signer keeps (then it starts over; ~1 MB at most). */
const IP_HASH_MEMO = 10_000;

/**
 * The one sign path (docs/DESIGN.md invariants 1, 2, 3, 7, 8), used by every entry point — the
 * public app's server action, OSDI JSON and HTML form posts, the seed and the tests (signPetition):
 * validate → rate-limit by IP hash and email domain (fails open) → campaign (cached per process)
 * → prepare the row (honeypot → stored `fraudulent`; the limits' suspicious tier, a block list or a
 * throwaway-mail domain → stored `held` with its reason; both uncounted and answered alike; an open
 * event link's signatures skip the per-IP rule and carry the event) →
 * write it (group commit when a batcher is given) → queue the confirmation email without waiting.
 * At most one signature per (campaign, canonical email); a counted one moves a counter shard in
 * the same statement (no hot row).
 */
export function createSigner(options: SignerOptions): Signer {
  const { exec, batcher, limiter, enqueueConfirmation, secrets = {} } = options;
  const logger = options.logger ?? getLogger('core');
  const write = batcher
    ? (row: PreparedSignature, reqId?: string) => batcher.write(row, reqId)
    : async (row: PreparedSignature) => (await writeSignatures(exec, [row]))[0]!;
  // "No such / not open" answers are kept like campaigns; database errors are not (read again next time).
  const campaigns = createReadCache<SigningCampaign | AppError>(options.campaignCacheMs ?? 1_000, 10_000);
  const signingCampaign = async (slug: string) => {
    const campaign = await campaigns(slug, () =>
      getSigningCampaign(exec, slug).catch((error: unknown) => {
        if (isAppError(error) && (error.code === 'not_found' || error.code === 'campaign_not_open')) return error;
        throw error;
      }),
    );
    if (campaign instanceof AppError) throw campaign;
    return campaign;
  };
  // Block/allow lists and event links: read at most once per abuseListCacheMs per process. A read
  // that fails (database trouble) falls back to no lists and no event: the signature is still
  // taken, under the normal rules (nothing acknowledged is lost; staff can review it later).
  const listCacheMs = options.abuseListCacheMs ?? 5_000;
  const listCache = createReadCache<AbuseLists>(listCacheMs, 1);
  // The lists as last read, used without waiting while fresh: the hot path (no event link, lists
  // read less than abuseListCacheMs ago) then awaits nothing more than it did before issue 15.
  let lists: { value: AbuseLists; at: number } | null = null;
  const abuseLists = async (now: number): Promise<AbuseLists> => {
    const value = await listCache('lists', () => loadAbuseLists(exec), now).catch(() => EMPTY_ABUSE_LISTS);
    lists = { value, at: now };
    return value;
  };
  const eventCache = createReadCache<SigningEvent | null>(listCacheMs, 1_000);
  const signingEvent = (code: string | undefined) =>
    code ? eventCache(code, () => findSigningEvent(exec, code)).catch(() => null) : Promise.resolve(null);

  // The HMAC of an address, remembered: a new HMAC context per signature cost ~5 % of the web
  // server's CPU per signature in the issue 11 profile, and in a spike the same addresses (CGNAT,
  // offices, campuses) sign again and again. In memory only, bounded; the table never sees a raw IP.
  const ipHashes = new Map<string, string>();
  function ipHashOf(submission: SignSubmission): string | null {
    if (submission.ip === undefined) return submission.ipHash ?? null;
    if (!secrets.ipHash) throw new Error('createSigner: secrets.ipHash is required to sign with a client ip');
    let hash = ipHashes.get(submission.ip);
    if (hash === undefined) {
      if (ipHashes.size >= IP_HASH_MEMO) ipHashes.clear();
      hash = hashIp(submission.ip, secrets.ipHash);
      ipHashes.set(submission.ip, hash);
    }
    return hash;
  }

  // Graceful shutdown: the sign() calls under way, and who waits for them to settle.
  let closed = false;
  let underWay = 0;
  const settledWaiters: (() => void)[] = [];
  const { observe } = options;

  async function sign(slug: string, submission: SignSubmission): Promise<SignOutcome> {
    if (closed) return { ok: false, code: 'unavailable', message: SIGNER_CLOSED_MESSAGE };
    underWay += 1;
    try {
      if (!observe) return await attempt(slug, submission, null);
      const seen: { row?: PreparedSignature } = {};
      const outcome = await attempt(slug, submission, seen);
      observe(
        outcome.ok
          ? { outcome: 'accepted', status: seen.row?.status ?? 'confirmed', heldReason: seen.row?.heldReason ?? null }
          : { outcome: 'refused', reason: outcome.code },
      );
      return outcome;
    } finally {
      underWay -= 1;
      if (underWay === 0) settledWaiters.splice(0).forEach((resolve) => resolve());
    }
  }

  function close(): Promise<void> {
    closed = true;
    return underWay === 0 ? Promise.resolve() : new Promise<void>((resolve) => settledWaiters.push(resolve));
  }

  /** One attempt; `seen.row` receives the prepared row (for the observer). */
  async function attempt(slug: string, submission: SignSubmission, seen: { row?: PreparedSignature } | null): Promise<SignOutcome> {
    const parsed = signatureInputSchema.safeParse(submission.input);
    if (!parsed.success) return { ok: false, code: 'validation', fields: fieldErrorsFrom(parsed.error) };
    const ipHash = ipHashOf(submission);
    const suspicious = Boolean(submission.suspicious) || Boolean(submission.honeypot?.trim());
    const domain = (parsed.data.email.split('@').pop() ?? '').toLowerCase();

    try {
      // The campaign, the lists and the event link are cached reads (no query per signature).
      const campaign = await signingCampaign(slug);
      const now = Date.now();
      const abuse = lists && now - lists.at < listCacheMs ? lists.value : await abuseLists(now);
      const event = parsed.data.eventCode ? await signingEvent(parsed.data.eventCode) : null;
      const openEvent =
        event && !event.revoked && event.campaignId === campaign.id && now >= event.startsAt.getTime() && now < event.endsAt.getTime() ? event : null;
      let verdict: Awaited<ReturnType<SignatureLimiter['check']>> | null = null;
      if (limiter && !submission.limitedByCaller) {
        // Group-checked: one Redis round trip for all the attempts that arrive meanwhile. An open
        // event link replaces the per-IP rule with its own (never dedupe: that is the INSERT's).
        verdict = await limiter.check({
          // Attempts without an address (none in production: clientIp says `unknown`) share one key.
          ipHash: ipHash ?? '',
          emailDomain: domain,
          skipIp: Boolean(ipHash && abuse.allowedIpHashes.has(ipHash)),
          skipDomain: abuse.allowedDomains.has(domain),
          event: openEvent ? { id: openEvent.id, rule: eventRule(openEvent.expectedSize) } : undefined,
          prefix: options.rateLimitPrefix,
          now,
        });
        if (verdict.verdict === 'block') return { ok: false, code: 'rate_limited', retryAfterSeconds: verdict.retryAfterSeconds };
      }
      const hold = holdReasonFor(abuse, ipHash, domain, verdict);
      const prepared = prepareSignature(campaign, parsed.data, {
        ipHash,
        confirmSecret: secrets.confirmToken,
        suspicious,
        hold,
        eventId: openEvent?.id ?? null,
      });
      if (seen) seen.row = prepared;
      // Answered only once the statement holding this row has committed.
      const written = await write(prepared, submission.reqId);
      if (!written.ok) return { ok: false, code: 'campaign_not_open', message: CLOSED };
      if (written.awaitingConfirmation && enqueueConfirmation) {
        const signatureId = written.signatureId.toString();
        enqueueConfirmation(signatureId).catch((error: unknown) => {
          logger.warn({ component: 'sign', signatureId, reqId: submission.reqId, err: error }, 'confirmation email not queued');
        });
      }
      return {
        ok: true,
        campaignId: campaign.id,
        status: prepared.answer,
        shareCode: written.shareCode,
        signatureId: written.signatureId,
        awaitingConfirmation: written.awaitingConfirmation,
      };
    } catch (error) {
      if (isAppError(error) && (error.code === 'not_found' || error.code === 'campaign_not_open')) {
        return { ok: false, code: error.code, message: error.message };
      }
      // The batcher's full queue is an AppError `unavailable`; anything else is a fault to log.
      if (!isAppError(error)) logger.error({ component: 'sign', reqId: submission.reqId, err: error }, 'signing failed');
      return { ok: false, code: 'unavailable', message: isAppError(error) ? error.message : 'Signing is unavailable right now.' };
    }
  }

  return { sign, close };
}
