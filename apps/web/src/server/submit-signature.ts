import {
  AppError,
  checkSignatureLimits,
  fieldErrorsFrom,
  hashIp,
  isAppError,
  signatureInputSchema,
  signPetition,
  type FieldErrorKey,
  type SignatureInput,
} from '@/server/core';
import { getDb } from '@undersigned/db';
import { enqueueConfirmationEmail } from '@undersigned/jobs';
import { webEnv } from './env';
import { getRedis } from './redis';

/** What both entry points (the page's server action and the OSDI/form API) hand over. */
export interface SignatureSubmission {
  input: SignatureInput;
  /** The honeypot field: humans never see it, so any value marks a bot. */
  honeypot?: string;
  ip: string;
}

export type SubmitOutcome =
  | { ok: true; status: 'pending' | 'confirmed'; shareCode: string; signatureId: bigint; campaignId: number }
  | { ok: false; code: 'validation'; fields: Record<string, FieldErrorKey> }
  | { ok: false; code: 'not_found' | 'campaign_not_open' | 'unavailable'; message: string }
  | { ok: false; code: 'rate_limited'; retryAfterSeconds: number };

/**
 * The one sign path shared by every entry point: validate, rate-limit (fail open), one INSERT
 * statement in core, then queue the confirmation email without waiting for it.
 */
export async function submitSignature(slug: string, submission: SignatureSubmission): Promise<SubmitOutcome> {
  const parsed = signatureInputSchema.safeParse(submission.input);
  if (!parsed.success) return { ok: false, code: 'validation', fields: fieldErrorsFrom(parsed.error) };

  const env = webEnv();
  const ipHash = hashIp(submission.ip, env.IP_HASH_SECRET);
  const emailDomain = parsed.data.email.split('@').pop() ?? '';
  const limits = await checkSignatureLimits(getRedis(), { ipHash, emailDomain, prefix: env.RATE_LIMIT_PREFIX });
  if (limits.verdict === 'block') return { ok: false, code: 'rate_limited', retryAfterSeconds: limits.retryAfterSeconds };
  const suspicious = limits.verdict === 'suspicious' || Boolean(submission.honeypot?.trim());

  try {
    const result = await signPetition(getDb(), slug, submission.input, {
      ipHash,
      confirmSecret: env.CONFIRM_TOKEN_SECRET,
      suspicious,
    });
    if (result.awaitingConfirmation) {
      const signatureId = result.signatureId.toString();
      // Not awaited: Postgres holds the pending row, and the reconciler re-sends what never went out.
      enqueueConfirmationEmail({ signatureId }).catch((error: unknown) => {
        console.warn(`[web] confirmation email for signature ${signatureId} not queued: ${String(error)}`);
      });
    }
    return {
      ok: true,
      status: result.status,
      shareCode: result.shareCode,
      signatureId: result.signatureId,
      campaignId: result.campaignId,
    };
  } catch (error) {
    if (isAppError(error)) return fromAppError(error);
    console.error('[web] signing failed', error);
    return { ok: false, code: 'unavailable', message: 'Signing is unavailable right now.' };
  }
}

function fromAppError(error: AppError): SubmitOutcome {
  switch (error.code) {
    case 'validation':
      return { ok: false, code: 'validation', fields: error.fields as Record<string, FieldErrorKey> };
    case 'not_found':
    case 'campaign_not_open':
      return { ok: false, code: error.code, message: error.message };
    default:
      return { ok: false, code: 'unavailable', message: error.message };
  }
}
