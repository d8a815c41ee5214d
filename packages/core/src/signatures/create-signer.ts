import { createReadCache } from '../concurrency/create-read-cache';
import { AppError, isAppError } from '../errors';
import { hashIp } from '../privacy/hash-ip';
import type { SignatureLimiter } from '../ratelimit/create-signature-limiter';
import type { SignatureBatcher } from './create-signature-batcher';
import { getSigningCampaign, type SigningCampaign } from './get-signing-campaign';
import { prepareSignature, type PreparedSignature, type SignContext } from './prepare-signature';
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
}

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
}

const CLOSED = 'This petition is closed and no longer takes signatures.';

/** Most client addresses whose hash a signer keeps (then it starts over; ~1 MB at most). */
const IP_HASH_MEMO = 10_000;

/**
 * The one sign path (docs/DESIGN.md invariants 1, 2, 3, 7, 8), used by every entry point — the
 * public app's server action, OSDI JSON and HTML form posts, the seed and the tests (signPetition):
 * validate → rate-limit by IP hash and email domain (fails open) → campaign (cached per process)
 * → prepare the row (suspicious or honeypot → stored `fraudulent`, uncounted, answered alike) →
 * write it (group commit when a batcher is given) → queue the confirmation email without waiting.
 * At most one signature per (campaign, canonical email); a counted one moves a counter shard in
 * the same statement (no hot row).
 */
export function createSigner(options: SignerOptions): Signer {
  const { exec, batcher, limiter, enqueueConfirmation, secrets = {} } = options;
  const write = batcher ? (row: PreparedSignature) => batcher.write(row) : async (row: PreparedSignature) => (await writeSignatures(exec, [row]))[0]!;
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

  async function sign(slug: string, submission: SignSubmission): Promise<SignOutcome> {
    const parsed = signatureInputSchema.safeParse(submission.input);
    if (!parsed.success) return { ok: false, code: 'validation', fields: fieldErrorsFrom(parsed.error) };
    const ipHash = ipHashOf(submission);
    let suspicious = Boolean(submission.suspicious) || Boolean(submission.honeypot?.trim());
    if (limiter && !submission.limitedByCaller) {
      // Group-checked: one Redis round trip for all the attempts that arrive meanwhile.
      const limits = await limiter.check({
        // Attempts without an address (none in production: clientIp says `unknown`) share one key.
        ipHash: ipHash ?? '',
        emailDomain: parsed.data.email.split('@').pop() ?? '',
        prefix: options.rateLimitPrefix,
      });
      if (limits.verdict === 'block') return { ok: false, code: 'rate_limited', retryAfterSeconds: limits.retryAfterSeconds };
      suspicious ||= limits.verdict === 'suspicious';
    }

    try {
      const campaign = await signingCampaign(slug);
      const prepared = prepareSignature(campaign, parsed.data, { ipHash, confirmSecret: secrets.confirmToken, suspicious });
      // Answered only once the statement holding this row has committed.
      const written = await write(prepared);
      if (!written.ok) return { ok: false, code: 'campaign_not_open', message: CLOSED };
      if (written.awaitingConfirmation && enqueueConfirmation) {
        const signatureId = written.signatureId.toString();
        enqueueConfirmation(signatureId).catch((error: unknown) => {
          console.warn(`[sign] confirmation email for signature ${signatureId} not queued: ${String(error)}`);
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
      if (!isAppError(error)) console.error('[sign] signing failed', error);
      return { ok: false, code: 'unavailable', message: isAppError(error) ? error.message : 'Signing is unavailable right now.' };
    }
  }

  return { sign };
}
