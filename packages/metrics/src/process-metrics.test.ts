import { processMetrics, resetProcessMetrics } from './process-metrics';
import { sampleValue } from './sample-value';
import { batchObserver, signatureLimiterObserver } from './observers';

afterEach(() => resetProcessMetrics());

it('keeps one registry per process: the first call decides, later calls get the same one', () => {
  const first = processMetrics({ METRICS_ENABLED: true }, 'web');
  expect(processMetrics({ METRICS_ENABLED: false }, 'web')).toBe(first);
});

it('prefixes every product metric with undersigned_', async () => {
  const metrics = processMetrics({ METRICS_ENABLED: true }, 'web')!;
  const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
  const ours = names.filter((n) => !/^(process|nodejs)_/.test(n));
  expect(ours.length).toBeGreaterThan(10);
  expect(ours.every((n) => n.startsWith('undersigned_'))).toBe(true);
});

it('reads pools, the sign queue and queue depths when scraped, queue depths at most once per cache period', async () => {
  const metrics = processMetrics({ METRICS_ENABLED: true }, 'worker')!;
  metrics.observePool('prisma', { totalCount: 5, idleCount: 3, waitingCount: 1 });
  metrics.observeSignQueue(() => ({ queued: 7, inFlight: 2 }));
  let reads = 0;
  metrics.observeQueues(async () => {
    reads += 1;
    return { emails: { waiting: 4, failed: 1 } };
  }, 60_000);
  const text = await metrics.registry.metrics();
  await metrics.registry.metrics();
  expect(reads).toBe(1);
  expect(sampleValue(text, 'undersigned_db_pool_connections', { pool: 'prisma', state: 'waiting', app: 'worker' })).toBe(1);
  expect(sampleValue(text, 'undersigned_sign_queue_depth', { app: 'worker' })).toBe(7);
  expect(sampleValue(text, 'undersigned_queue_jobs', { queue: 'emails', state: 'waiting', app: 'worker' })).toBe(4);
});

it('keeps the last queue depths when Redis does not answer', async () => {
  const metrics = processMetrics({ METRICS_ENABLED: true }, 'worker')!;
  let fail = false;
  metrics.observeQueues(async () => {
    if (fail) throw new Error('Redis down');
    return { deliveries: { waiting: 2 } };
  }, 0);
  await metrics.registry.metrics();
  fail = true;
  expect(await metrics.registry.metrics()).toContain('undersigned_queue_jobs{queue="deliveries",state="waiting",app="worker"} 2');
});

it('tallies rate-limit verdicts by rule and counts fail-open checks', async () => {
  const metrics = processMetrics({ METRICS_ENABLED: true }, 'web')!;
  signatureLimiterObserver(metrics)([
    { verdict: 'allow' },
    { verdict: 'allow' },
    { verdict: 'block', rule: 'ip' },
    { verdict: 'allow', failedOpen: true },
  ]);
  batchObserver(metrics)({ size: 40, seconds: 0.004, ok: true });
  const text = await metrics.registry.metrics();
  expect(sampleValue(text, 'undersigned_ratelimit_verdicts_total', { limiter: 'signature', verdict: 'allow', rule: 'none', app: 'web' })).toBe(3);
  expect(sampleValue(text, 'undersigned_ratelimit_verdicts_total', { limiter: 'signature', verdict: 'block', rule: 'ip', app: 'web' })).toBe(1);
  expect(sampleValue(text, 'undersigned_ratelimit_fail_open_total', { limiter: 'signature', app: 'web' })).toBe(1);
  expect(sampleValue(text, 'undersigned_sign_batch_size_sum', { app: 'web' })).toBe(40);
  expect(sampleValue(text, 'undersigned_sign_batch_commit_seconds_count', { outcome: 'committed', app: 'web' })).toBe(1);
});
