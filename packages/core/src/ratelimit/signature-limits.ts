// The signing rate limits: their shapes and the defaults (issue 3). The check lives in
// check-many-signature-limits.ts (many attempts, one round trip); the sign path calls it through
// createSignatureLimiter, which groups the attempts that arrive together.

/** A sliding-window rule: above `suspiciousAbove` in the window the signature is stored as
 * held for review (answered alike, issue 15); at `blockAt` the request is refused with Retry-After. The window slides
 * by the two-fixed-windows estimate (see check-many-signature-limits.ts), exact within one window's share of error. */
export interface SlidingWindowRule {
  windowMs: number;
  suspiciousAbove: number;
  blockAt: number;
}

export interface SignatureLimits {
  perIp: SlidingWindowRule;
  perEmailDomain: SlidingWindowRule;
  /** Big mail providers: thousands of honest signers share them, so no per-domain limit. */
  sharedDomains: ReadonlySet<string>;
}

/**
 * Defaults sized for a viral campaign: mobile carriers put many honest phones behind one IP
 * (CGNAT), so the per-IP block is generous and the silent "suspicious" tier does the filtering.
 */
export const DEFAULT_SIGNATURE_LIMITS: SignatureLimits = {
  perIp: { windowMs: 60 * 60_000, suspiciousAbove: 60, blockAt: 300 },
  perEmailDomain: { windowMs: 10 * 60_000, suspiciousAbove: 50, blockAt: 200 },
  sharedDomains: new Set([
    'gmail.com',
    'googlemail.com',
    'yahoo.com',
    'ymail.com',
    'hotmail.com',
    'outlook.com',
    'live.com',
    'msn.com',
    'icloud.com',
    'me.com',
    'mac.com',
    'aol.com',
    'proton.me',
    'protonmail.com',
    'comcast.net',
    'att.net',
    'sbcglobal.net',
    'verizon.net',
    'gmx.com',
    'mail.com',
  ]),
};

export interface LimitVerdict {
  verdict: 'allow' | 'suspicious' | 'block';
  /** Seconds until enough counted attempts have slid out of the window (for Retry-After), when blocked. */
  retryAfterSeconds: number;
  /** Which rule decided a non-allow verdict. */
  rule?: 'ip' | 'email_domain' | 'event';
  /** Redis was unreachable and the check let the signature through (docs/DESIGN.md invariant 4). */
  failedOpen?: boolean;
}

export interface SignatureLimitSubject {
  /** hashIp() of the client address: Redis never sees the raw IP either. */
  ipHash: string;
  /** The domain of the signer's email address. */
  emailDomain: string;
  /** Skip the per-IP rule: an allow-listed address, or a signature through an open event link. */
  skipIp?: boolean;
  /** Skip the per-email-domain rule: an allow-listed domain. */
  skipDomain?: boolean;
  /** An open event sign-up link: its own rule (keyed by the event) counts its signatures instead. */
  event?: { id: number; rule: SlidingWindowRule };
  /** Key prefix, so tests (or several deployments on one Redis) do not share windows. */
  prefix?: string;
  now?: number;
}

/**
 * The rule of an event sign-up link: signatures through it are counted per event over its whole
 * window (at most 14 days, so one window of 15 days holds it); beyond about twice the expected
 * size they are held for review (`event_capacity`: a leaked link), and far beyond it refused.
 */
export function eventRule(expectedSize: number): SlidingWindowRule {
  return { windowMs: 15 * 24 * 60 * 60_000, suspiciousAbove: Math.max(2 * expectedSize, expectedSize + 50), blockAt: 10 * expectedSize + 500 };
}
