import type { Redis } from 'ioredis';

/** A sliding-window rule: above `suspiciousAbove` in the window the signature is stored as
 * fraudulent (silently); at `blockAt` the request is refused with Retry-After. */
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
  /** Seconds until the oldest counted attempt leaves the window (for Retry-After), when blocked. */
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

// Checks every key first; refuses (records nothing) when one is at its block level, else records
// the attempt in every window. Returns per key: count after this attempt, oldest score.
const SCRIPT = `
local now = tonumber(ARGV[1])
local n = #KEYS
local counts = {}
for i = 1, n do
  local window = tonumber(ARGV[1 + i * 3 - 2])
  redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
  counts[i] = redis.call('ZCARD', KEYS[i])
end
local blocked = 0
for i = 1, n do
  local blockAt = tonumber(ARGV[1 + i * 3 - 1])
  if counts[i] >= blockAt then blocked = i break end
end
local out = {blocked}
for i = 1, n do
  if blocked == 0 then
    local window = tonumber(ARGV[1 + i * 3 - 2])
    redis.call('ZADD', KEYS[i], now, ARGV[1 + i * 3])
    redis.call('PEXPIRE', KEYS[i], window)
    counts[i] = counts[i] + 1
  end
  local oldest = redis.call('ZRANGE', KEYS[i], 0, 0, 'WITHSCORES')
  table.insert(out, counts[i])
  table.insert(out, tonumber(oldest[2] or now))
end
return out
`;

/**
 * Per-IP and per-email-domain sliding-window limits for signing, kept in Redis (one round trip).
 * Fails open: when Redis is down or slow, signing goes on (logged), because Postgres holds the
 * truth and abuse can be cleaned up later; losing signatures cannot.
 */
export async function checkSignatureLimits(
  redis: Pick<Redis, 'eval'>,
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
  const member = `${now}:${Math.random().toString(36).slice(2, 10)}`;
  const args = [String(now), ...rules.flatMap((r) => [String(r.spec.windowMs), String(r.spec.blockAt), member])];
  let reply: unknown;
  try {
    reply = await redis.eval(SCRIPT, rules.length, ...rules.map((r) => r.key), ...args);
  } catch (error) {
    log(`[ratelimit] redis unavailable, allowing signature: ${error instanceof Error ? error.message : String(error)}`);
    return { verdict: 'allow', retryAfterSeconds: 0, failedOpen: true };
  }
  const values = (reply as (number | string)[]).map(Number);
  const blocked = values[0] ?? 0;
  const results = rules.map((r, i) => ({ ...r, count: values[1 + i * 2]!, oldest: values[2 + i * 2]! }));
  if (blocked > 0) {
    const hit = results[blocked - 1]!;
    const retryAfterSeconds = Math.max(1, Math.ceil((hit.oldest + hit.spec.windowMs - now) / 1000));
    return { verdict: 'block', retryAfterSeconds, rule: hit.rule };
  }
  const suspicious = results.find((r) => r.count > r.spec.suspiciousAbove);
  if (suspicious) return { verdict: 'suspicious', retryAfterSeconds: 0, rule: suspicious.rule };
  return { verdict: 'allow', retryAfterSeconds: 0 };
}
