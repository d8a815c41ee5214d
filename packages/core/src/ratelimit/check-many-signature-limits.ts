import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { getLogger, type Logger } from '@undersigned/log';
import {
  DEFAULT_SIGNATURE_LIMITS,
  type LimitVerdict,
  type SignatureLimits,
  type SignatureLimitSubject,
  type SlidingWindowRule,
} from './signature-limits';

// Sliding-window counters (the two-fixed-windows approximation): per rule, the attempts in the
// current fixed window and in the previous one; the window's estimate is
// previous × (share of the previous window still inside the sliding window) + current.
// O(1) time and memory per key however large the numbers get (a viral campaign behind one CGNAT
// address must not cost a growing sorted set).
// Many subjects per call, in order — exactly as if each had been checked by its own call, one
// after the other (a later subject sees the attempts counted for earlier ones). Per subject:
// checks every rule first; refuses (records nothing) when one is at its block level, else counts
// the attempt in every current window.
// KEYS: every distinct window key once (a flood from one address repeats the same keys in every
// subject). ARGV[1]: number of subjects; then per subject its number of rules, then per rule: the
// index in KEYS of its current and of its previous window key, previous-window weight, block
// level, key TTL in ms. Returns, per subject: blocked rule (1-based, 0 = none), then per rule the
// current count (after this attempt unless blocked) and the previous count.
const SCRIPT = `
local out = {}
local a = 1
for s = 1, tonumber(ARGV[1]) do
  a = a + 1
  local n = tonumber(ARGV[a])
  local blocked = 0
  local seen = {}
  for i = 1, n do
    local r = a + 5 * (i - 1)
    local cur = tonumber(redis.call('GET', KEYS[tonumber(ARGV[r + 1])]) or '0')
    local prev = tonumber(redis.call('GET', KEYS[tonumber(ARGV[r + 2])]) or '0')
    seen[i] = {cur, prev}
    if blocked == 0 and prev * tonumber(ARGV[r + 3]) + cur >= tonumber(ARGV[r + 4]) then blocked = i end
  end
  table.insert(out, blocked)
  for i = 1, n do
    local r = a + 5 * (i - 1)
    local cur = seen[i][1]
    if blocked == 0 then
      local key = KEYS[tonumber(ARGV[r + 1])]
      cur = redis.call('INCR', key)
      if cur == 1 then redis.call('PEXPIRE', key, ARGV[r + 5]) end
    end
    table.insert(out, cur)
    table.insert(out, seen[i][2])
  end
  a = a + 5 * n
end
return out
`;

const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

interface Rule {
  rule: 'ip' | 'email_domain' | 'event';
  key: string;
  spec: SlidingWindowRule;
}

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

function rulesFor(subject: SignatureLimitSubject, limits: SignatureLimits): Rule[] {
  const prefix = subject.prefix ?? 'rl:sign';
  const domain = subject.emailDomain.trim().toLowerCase();
  const rules: Rule[] = [];
  if (subject.event) rules.push({ rule: 'event', key: `${prefix}:event:${subject.event.id}`, spec: subject.event.rule });
  if (!subject.skipIp && !subject.event) rules.push({ rule: 'ip', key: `${prefix}:ip:${subject.ipHash}`, spec: limits.perIp });
  if (domain && !subject.skipDomain && !limits.sharedDomains.has(domain)) {
    rules.push({ rule: 'email_domain', key: `${prefix}:domain:${domain}`, spec: limits.perEmailDomain });
  }
  return rules;
}

/** The `msg` of the line logged when the limits fail open (drills count these lines). */
export const RATE_LIMITS_FAILED_OPEN = 'redis unavailable, allowing signatures';

const weightAt = (spec: SlidingWindowRule, now: number) => 1 - (now % spec.windowMs) / spec.windowMs;

/**
 * Per-IP and per-email-domain sliding-window limits for many signing attempts in one Redis round
 * trip and one script run (the hot sign path checks everything that arrived while the previous
 * check was in flight together: createSignatureLimiter). Verdicts come back in the subjects'
 * order, each exactly what checking the subjects one by one, in that order, would have given.
 * Fails open: when Redis is down or slow every subject is allowed (and the log says so once per call),
 * because Postgres holds the truth and abuse can be cleaned up later; losing signatures cannot.
 */
export async function checkManySignatureLimits(
  redis: Pick<Redis, 'eval' | 'evalsha'>,
  subjects: readonly SignatureLimitSubject[],
  limits: SignatureLimits = DEFAULT_SIGNATURE_LIMITS,
  logger: Pick<Logger, 'warn'> = getLogger('core'),
): Promise<LimitVerdict[]> {
  if (subjects.length === 0) return [];
  const plans = subjects.map((subject) => ({ now: subject.now ?? Date.now(), rules: rulesFor(subject, limits) }));
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const indexOf = (key: string) => {
    let i = keyIndex.get(key);
    if (i === undefined) {
      i = keys.push(key);
      keyIndex.set(key, i);
    }
    return String(i);
  };
  const args: string[] = [String(subjects.length)];
  for (const { now, rules } of plans) {
    args.push(String(rules.length));
    for (const { key, spec } of rules) {
      const window = Math.floor(now / spec.windowMs);
      args.push(
        indexOf(`${key}:${window}`),
        indexOf(`${key}:${window - 1}`),
        weightAt(spec, now).toFixed(6),
        String(spec.blockAt),
        String(2 * spec.windowMs),
      );
    }
  }
  let reply: unknown;
  try {
    try {
      // EVALSHA: the script body is not resent on every call of the hot path.
      reply = await redis.evalsha(SCRIPT_SHA, keys.length, ...keys, ...args);
    } catch (error) {
      if (!/NOSCRIPT/.test(String(error))) throw error;
      reply = await redis.eval(SCRIPT, keys.length, ...keys, ...args);
    }
  } catch (error) {
    logger.warn({ component: 'ratelimit', signatures: subjects.length, err: error }, RATE_LIMITS_FAILED_OPEN);
    return subjects.map(() => ({ verdict: 'allow', retryAfterSeconds: 0, failedOpen: true }));
  }
  const values = (reply as (number | string)[]).map(Number);
  let at = 0;
  return plans.map(({ now, rules }): LimitVerdict => {
    const blocked = values[at]!;
    const results = rules.map((r, i) => {
      const current = values[at + 1 + i * 2]!;
      const previous = values[at + 2 + i * 2]!;
      return { ...r, current, previous, estimate: previous * weightAt(r.spec, now) + current };
    });
    at += 1 + rules.length * 2;
    if (blocked > 0) {
      const hit = results[blocked - 1]!;
      const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs(hit.spec, now, hit.current, hit.previous) / 1000));
      return { verdict: 'block', retryAfterSeconds, rule: hit.rule };
    }
    const suspicious = results.find((r) => r.estimate > r.spec.suspiciousAbove);
    if (suspicious) return { verdict: 'suspicious', retryAfterSeconds: 0, rule: suspicious.rule };
    return { verdict: 'allow', retryAfterSeconds: 0 };
  });
}
