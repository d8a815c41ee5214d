import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A sliding-window rule: above `suspiciousAbove` in the window the signature is stored as
 * fraudulent (silently); at `blockAt` the request is refused with Retry-After. The window slides
 * by the two-fixed-windows estimate (see SCRIPT), exact within one window's share of error. */
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
    'gmail.com', 'googlemail.com', 'yahoo.com', 'ymail.com', 'hotmail.com', 'outlook.com', 'live.com',
    'msn.com', 'icloud.com', 'me.com', 'mac.com', 'aol.com', 'proton.me', 'protonmail.com',
    'comcast.net', 'att.net', 'sbcglobal.net', 'verizon.net', 'gmx.com', 'mail.com',
  ]),
};

export interface LimitVerdict {
  verdict: 'allow' | 'suspicious' | 'block';
  /** Seconds until enough counted attempts have slid out of the window (for Retry-After), when blocked. */
  retryAfterSeconds: number;
  /** Which rule decided a non-allow verdict. */
  rule?: 'ip' | 'email_domain';
  /** Redis was unreachable and the check let the signature through (DESIGN.md invariant 4). */
  failedOpen?: boolean;
}

export interface SignatureLimitSubject {
  /** hashIp() of the client address: Redis never sees the raw IP either. */
  ipHash: string;
  /** The domain of the signer's email address. */
  emailDomain: string;
  /** Key prefix, so tests (or several deployments on one Redis) do not share windows. */
  prefix?: string;
  now?: number;
}

// Sliding-window counters (the two-fixed-windows approximation): per rule, the attempts in the
// current fixed window and in the previous one; the window's estimate is
// previous × (share of the previous window still inside the sliding window) + current.
// O(1) time and memory per key however large the numbers get (a viral campaign behind one CGNAT
// address must not cost a growing sorted set). Checks every rule first; refuses (records
// nothing) when one is at its block level, else counts the attempt in every current window.
// KEYS: per rule, current then previous window key. ARGV: per rule, previous-window weight,
// block level, key TTL in ms. Returns: blocked rule (1-based, 0 = none), then per rule the
// current count (after this attempt unless blocked) and the previous count.
const SCRIPT = `
local n = #KEYS / 2
local out = {0}
local seen = {}
for i = 1, n do
  local cur = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  local prev = tonumber(redis.call('GET', KEYS[2 * i]) or '0')
  seen[i] = {cur, prev}
  if out[1] == 0 and prev * tonumber(ARGV[3 * i - 2]) + cur >= tonumber(ARGV[3 * i - 1]) then out[1] = i end
end
for i = 1, n do
  local cur = seen[i][1]
  if out[1] == 0 then
    cur = redis.call('INCR', KEYS[2 * i - 1])
    if cur == 1 then redis.call('PEXPIRE', KEYS[2 * i - 1], ARGV[3 * i]) end
  end
  table.insert(out, cur)
  table.insert(out, seen[i][2])
end
return out
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** Milliseconds until a rule's estimate drops below its block level, with no new attempts. */
function retryAfterMs(spec: SlidingWindowRule, now: number, current: number, previous: number): number {
  const elapsed = now % spec.windowMs;
  const left = spec.windowMs - elapsed;
  if (current < spec.blockAt && previous > 0) {
    // Still this window: wait until enough of the previous window has slid out.
    const t = spec.windowMs * (1 - (spec.blockAt - current) / previous) - elapsed;
    if (t < left) return Math.max(1, t + 1);
  }
  // After the rollover the current window becomes the previous one and slides out in turn.
  return left + Math.max(0, spec.windowMs * (1 - spec.blockAt / current)) + 1;
}

/**
 * Per-IP and per-email-domain sliding-window limits for signing, kept in Redis (one round trip,
 * constant cost per check). Fails open: when Redis is down or slow, signing goes on (logged),
 * because Postgres holds the truth and abuse can be cleaned up later; losing signatures cannot.
 */
export async function checkSignatureLimits(
  redis: Pick<Redis, 'eval' | 'evalsha'>,
  subject: SignatureLimitSubject,
  limits: SignatureLimits = DEFAULT_SIGNATURE_LIMITS,
  log: (message: string) => void = (m) => console.warn(m),
): Promise<LimitVerdict> {
  const prefix = subject.prefix ?? 'rl:sign';
  const now = subject.now ?? Date.now();
  const domain = subject.emailDomain.trim().toLowerCase();
  const rules: { rule: 'ip' | 'email_domain'; key: string; spec: SlidingWindowRule }[] = [
    { rule: 'ip', key: `${prefix}:ip:${subject.ipHash}`, spec: limits.perIp },
  ];
  if (domain && !limits.sharedDomains.has(domain)) {
    rules.push({ rule: 'email_domain', key: `${prefix}:domain:${domain}`, spec: limits.perEmailDomain });
  }
  const keys: string[] = [];
  const args: string[] = [];
  for (const { key, spec } of rules) {
    const window = Math.floor(now / spec.windowMs);
    keys.push(`${key}:${window}`, `${key}:${window - 1}`);
    const weight = 1 - (now % spec.windowMs) / spec.windowMs;
    args.push(weight.toFixed(6), String(spec.blockAt), String(2 * spec.windowMs));
  }
  let reply: unknown;
  try {
    try {
      // EVALSHA: the script body is not resent on every signature of the hot path.
      reply = await redis.evalsha(SCRIPT_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!/NOSCRIPT/.test(String(error))) throw error;
      reply = await redis.eval(SCRIPT, keys.length, ...keys, ...args);
    }
  } catch (error) {
    log(`[ratelimit] redis unavailable, allowing signature: ${error instanceof Error ? error.message : String(error)}`);
    return { verdict: 'allow', retryAfterSeconds: 0, failedOpen: true };
  }
  const values = (reply as (number | string)[]).map(Number);
  const blocked = values[0] ?? 0;
  const results = rules.map((r, i) => {
    const current = values[1 + i * 2]!;
    const previous = values[2 + i * 2]!;
    const weight = 1 - (now % r.spec.windowMs) / r.spec.windowMs;
    return { ...r, current, previous, estimate: previous * weight + current };
  });
  if (blocked > 0) {
    const hit = results[blocked - 1]!;
    const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs(hit.spec, now, hit.current, hit.previous) / 1000));
    return { verdict: 'block', retryAfterSeconds, rule: hit.rule };
  }
  const suspicious = results.find((r) => r.estimate > r.spec.suspiciousAbove);
  if (suspicious) return { verdict: 'suspicious', retryAfterSeconds: 0, rule: suspicious.rule };
  return { verdict: 'allow', retryAfterSeconds: 0 };
}
