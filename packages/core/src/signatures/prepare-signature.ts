import { randomBytes } from 'node:crypto';
import { lookupPostalCode } from '../geo/lookup-postal-code';
import { canonicalizeEmail } from './canonicalize-email';
import { deriveConfirmToken, hashConfirmToken } from './confirm-token';
import type { SigningCampaign } from './get-signing-campaign';
import type { ValidSignature } from './signature-input';

export interface SignContext {
  /** HMAC of the client IP (see hashIp); never the raw IP. */
  ipHash?: string | null;
  /** Secret for confirmation tokens; required when the campaign asks for email confirmation. */
  confirmSecret?: string;
  /**
   * A bot's mark (the honeypot field): store it as `fraudulent`, uncounted, and answer exactly as
   * for any other signature.
   */
  suspicious?: boolean;
  /**
   * An abuse rule stopped it (issue 15): store it as `held` with this reason, uncounted until a
   * person decides (or, where the campaign confirms by email, until the signer confirms unless the
   * reason is a block list), and answer exactly as for any other signature.
   */
  hold?: HoldReason | null;
  /** The open event sign-up link it came through. */
  eventId?: number | null;
}

export type HoldReason = 'ip_rate' | 'domain_rate' | 'disposable_domain' | 'blocked_ip' | 'blocked_domain' | 'event_capacity';

/** One row ready for writeSignatures: validated, canonicalised, located, with its codes. */
export interface PreparedSignature {
  campaignId: number;
  canonicalEmail: string;
  email: string;
  givenName: string;
  familyName: string;
  postalCode: string;
  locality: string | null;
  region: string | null;
  country: string;
  locale: 'en' | 'es';
  emailStatus: 'subscribed' | 'unsubscribed';
  status: 'pending' | 'confirmed' | 'held' | 'fraudulent';
  heldReason: HoldReason | null;
  eventId: number | null;
  comment: string | null;
  source: string | null;
  referrerCode: string | null;
  shareCode: string;
  ipHash: string | null;
  confirmTokenHash: string | null;
  /** What the signer is told, by campaign policy only (docs/DESIGN.md invariant 2). */
  answer: 'pending' | 'confirmed';
}

// Share codes are 8 random bytes (base64url) each, cut from a 4 KB block of the CSPRNG, which is
// read once per 512 codes: a randomBytes call per signature (OpenSSL, plus the wrapper Next's
// runtime puts around node:crypto in the web server) showed in the sign path's profile (issue 11).
// Every byte is used once.
const SHARE_CODE_BYTES = 8;
let randomPool = Buffer.alloc(0);
let randomAt = 0;

/** A new share code: 8 bytes from the CSPRNG, base64url (11 characters). */
function newShareCode(): string {
  if (randomAt + SHARE_CODE_BYTES > randomPool.length) {
    randomPool = randomBytes(512 * SHARE_CODE_BYTES);
    randomAt = 0;
  }
  randomAt += SHARE_CODE_BYTES;
  return randomPool.toString('base64url', randomAt - SHARE_CODE_BYTES, randomAt);
}

/** Pure apart from the random share code: turns a validated signature into a row. */
export function prepareSignature(campaign: SigningCampaign, data: ValidSignature, context: SignContext = {}): PreparedSignature {
  if (campaign.requireConfirmation && !context.confirmSecret) {
    throw new Error('prepareSignature: confirmSecret is required for campaigns that confirm by email');
  }
  const canonicalEmail = canonicalizeEmail(data.email);
  if (!canonicalEmail) throw new Error('prepareSignature: the email was not validated');
  const place = lookupPostalCode(data.postalCode, data.country);
  const shareCode = newShareCode();
  const status = context.suspicious ? 'fraudulent' : context.hold ? 'held' : campaign.requireConfirmation ? 'pending' : 'confirmed';
  // A held signature keeps its confirmation link where the campaign confirms by email: the signer
  // still gets the email, and confirming releases it (confirmSignature) unless a block list matched.
  const emailsLink = status === 'pending' || (status === 'held' && campaign.requireConfirmation);
  return {
    campaignId: campaign.id,
    canonicalEmail,
    email: data.email,
    givenName: data.givenName,
    familyName: data.familyName,
    postalCode: data.postalCode,
    locality: place?.locality ?? null,
    region: place?.region ?? null,
    country: data.country,
    locale: data.locale,
    emailStatus: data.subscribe ? 'subscribed' : 'unsubscribed',
    status,
    heldReason: status === 'held' ? context.hold! : null,
    eventId: context.eventId ?? null,
    comment: data.comment || null,
    source: data.source ?? null,
    referrerCode: data.referrerCode ?? null,
    shareCode,
    ipHash: context.ipHash ?? null,
    confirmTokenHash: emailsLink ? hashConfirmToken(deriveConfirmToken(shareCode, context.confirmSecret!)) : null,
    answer: campaign.requireConfirmation ? 'pending' : 'confirmed',
  };
}
