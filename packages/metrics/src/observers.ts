import type { Metrics } from './process-metrics';

// Adapters from core's observer hooks (createSigner, createSignatureBatcher, the limiters) to the
// metrics. Their parameters are written structurally, so this package needs nothing from core and
// core nothing from prom-client.

type SignEventLike = { outcome: 'accepted'; status: string; heldReason: string | null } | { outcome: 'refused'; reason: string };

/**
 * createSigner's `observe`: accepted by stored status (held ones also by hold reason), refused by
 * code. Called once per signature: each label set's child is looked up once and kept, so a
 * signature costs a Map lookup and an addition instead of prom-client hashing its labels.
 */
export function signObserver(metrics: Metrics): (event: SignEventLike) => void {
  const { signatures, signaturesHeld } = metrics;
  const children = new Map<string, { inc(): void }>();
  const child = (outcome: string, reason: string) => {
    const key = `${outcome}|${reason}`;
    let c = children.get(key);
    if (!c) children.set(key, (c = signatures.labels(outcome, reason)));
    return c;
  };
  return (event) => {
    if (event.outcome === 'refused') {
      child('refused', event.reason).inc();
      return;
    }
    child('accepted', event.status).inc();
    if (event.heldReason) signaturesHeld.inc({ reason: event.heldReason });
  };
}

/** createSignatureBatcher's `observe`: batch size and commit latency. */
export function batchObserver(metrics: Metrics): (batch: { size: number; seconds: number; ok: boolean }) => void {
  const { signBatchSize, signBatchSeconds } = metrics;
  return (batch) => {
    signBatchSize.observe(batch.size);
    signBatchSeconds.observe({ outcome: batch.ok ? 'committed' : 'failed' }, batch.seconds);
  };
}

/** createSignatureLimiter's `observe`: verdicts by rule, and fail-open checks. */
export function signatureLimiterObserver(metrics: Metrics): (verdicts: readonly { verdict: string; rule?: string; failedOpen?: boolean }[]) => void {
  const { rateLimitVerdicts, rateLimitFailOpen } = metrics;
  return (verdicts) => {
    // One increment per distinct label set of the batch: a batch of hundreds costs a few inc() calls.
    const tally = new Map<string, number>();
    let failedOpen = 0;
    for (const v of verdicts) {
      const key = `${v.verdict}|${v.rule ?? 'none'}`;
      tally.set(key, (tally.get(key) ?? 0) + 1);
      if (v.failedOpen) failedOpen += 1;
    }
    for (const [key, n] of tally) {
      const [verdict, rule] = key.split('|') as [string, string];
      rateLimitVerdicts.inc({ limiter: 'signature', verdict, rule }, n);
    }
    if (failedOpen) rateLimitFailOpen.inc({ limiter: 'signature' }, failedOpen);
  };
}

/** createApiKeyLimiter's `observe`. */
export function apiKeyLimiterObserver(metrics: Metrics): (verdict: { allowed: boolean; failedOpen?: boolean }) => void {
  const { rateLimitVerdicts, rateLimitFailOpen } = metrics;
  return (verdict) => {
    rateLimitVerdicts.inc({ limiter: 'api_key', verdict: verdict.allowed ? 'allow' : 'block', rule: 'key' });
    if (verdict.failedOpen) rateLimitFailOpen.inc({ limiter: 'api_key' });
  };
}
