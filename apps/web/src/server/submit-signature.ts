import {
  AppError,
  fieldErrorsFrom,
  hashIp,
  isAppError,
  prepareSignature,
  signatureInputSchema,
  type FieldErrorKey,
  type SignatureInput,
} from '@/server/core';
import { enqueueConfirmationEmail } from '@undersigned/jobs';
import { webEnv } from './env';
import { getSignatureLimiter } from './signature-limiter';
import { getSignatureWriter, signingCampaign } from './signature-writer';

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
 * The one sign path shared by every entry point (server action, OSDI JSON, HTML form, and the
 * custom server's fast path, which calls the same route handler): validate, rate-limit (fail
 * open), group-commit the row through core's batcher, then queue the confirmation email without
 * waiting for it.
 */
export async function submitSignature(slug: string, submission: SignatureSubmission): Promise<SubmitOutcome> {
  const parsed = signatureInputSchema.safeParse(submission.input);
  if (!parsed.success) return { ok: false, code: 'validation', fields: fieldErrorsFrom(parsed.error) };

  const env = webEnv();
  const ipHash = hashIp(submission.ip, env.IP_HASH_SECRET);
  const emailDomain = parsed.data.email.split('@').pop() ?? '';
  // Group-checked: one Redis round trip for all the attempts that arrive meanwhile.
  const limits = await getSignatureLimiter().check({ ipHash, emailDomain, prefix: env.RATE_LIMIT_PREFIX });
  if (limits.verdict === 'block') return { ok: false, code: 'rate_limited', retryAfterSeconds: limits.retryAfterSeconds };
  const suspicious = limits.verdict === 'suspicious' || Boolean(submission.honeypot?.trim());

  try {
    const campaign = await signingCampaign(slug);
    const prepared = prepareSignature(campaign, parsed.data, {
      ipHash,
      confirmSecret: env.CONFIRM_TOKEN_SECRET,
      suspicious,
    });
    // Group commit: answered only once the statement holding this row has committed.
    const written = await getSignatureWriter().batcher.write(prepared);
    if (!written.ok) return { ok: false, code: 'campaign_not_open', message: 'This petition is closed and no longer takes signatures.' };
    if (written.awaitingConfirmation) {
      const signatureId = written.signatureId.toString();
      // Not awaited: Postgres holds the pending row, and the reconciler re-sends what never went out.
      enqueueConfirmationEmail({ signatureId }).catch((error: unknown) => {
        console.warn(`[web] confirmation email for signature ${signatureId} not queued: ${String(error)}`);
      });
    }
    return {
      ok: true,
      status: prepared.answer,
      shareCode: written.shareCode,
      signatureId: written.signatureId,
      campaignId: campaign.id,
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
