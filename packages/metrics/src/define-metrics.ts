import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What a Postgres pool (node-postgres `pg.Pool`) exposes about its connections. */
export interface PoolLike {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Job counts per queue and state, as BullMQ's `Queue.getJobCounts()` answers them. */
export type QueueJobCounts = Record<string, Record<string, number>>;

/** Seconds buckets for latencies from a millisecond to ten seconds. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric of the product, in one place (docs/metrics.md lists them). All are `undersigned_`
 * prefixed; labels are small fixed sets — never a campaign, slug, email, address or raw path.
 * Gauges are read when scraped, from the sources the process registers (observe* in
 * process-metrics.ts).
 */
export function defineMetrics(registry: Registry, sources: MetricSources) {
  const registers = [registry];
  return {
    signatures: new Counter({
      name: 'undersigned_signatures_total',
      help: 'Signing attempts by outcome (accepted | refused) and reason: the stored status (confirmed, pending, held, fraudulent) or the refusal code.',
      labelNames: ['outcome', 'reason'] as const,
      registers,
    }),
    signaturesHeld: new Counter({
      name: 'undersigned_signatures_held_total',
      help: 'Accepted signatures held for review, by hold reason.',
      labelNames: ['reason'] as const,
      registers,
    }),
    signBatchSize: new Histogram({
      name: 'undersigned_sign_batch_size',
      help: 'Signatures per group-commit statement.',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
      registers,
    }),
    signBatchSeconds: new Histogram({
      name: 'undersigned_sign_batch_commit_seconds',
      help: 'Time from a group-commit statement being sent to its commit (or failure), by outcome.',
      labelNames: ['outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    signQueueDepth: new Gauge({
      name: 'undersigned_sign_queue_depth',
      help: 'Signatures waiting for a group-commit statement.',
      registers,
      collect() {
        this.set(sources.signQueues.reduce((sum, read) => sum + read().queued, 0));
      },
    }),
    signBatchesInFlight: new Gauge({
      name: 'undersigned_sign_batches_in_flight',
      help: 'Group-commit statements running now.',
      registers,
      collect() {
        this.set(sources.signQueues.reduce((sum, read) => sum + read().inFlight, 0));
      },
    }),
    rateLimitVerdicts: new Counter({
      name: 'undersigned_ratelimit_verdicts_total',
      help: 'Rate-limit verdicts by limiter (signature | api_key), verdict (allow | suspicious | block) and deciding rule.',
      labelNames: ['limiter', 'verdict', 'rule'] as const,
      registers,
    }),
    rateLimitFailOpen: new Counter({
      name: 'undersigned_ratelimit_fail_open_total',
      help: 'Checks let through because Redis did not answer (fail open).',
      labelNames: ['limiter'] as const,
      registers,
    }),
    httpRequests: new Histogram({
      name: 'undersigned_http_request_duration_seconds',
      help: 'HTTP requests by route name (a fixed set), method and status, with their duration.',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    queueJobs: new Gauge({
      name: 'undersigned_queue_jobs',
      help: 'BullMQ jobs per queue and state (read at most every few seconds).',
      labelNames: ['queue', 'state'] as const,
      registers,
      async collect() {
        const counts = await sources.readQueues();
        this.reset();
        for (const [queue, states] of Object.entries(counts)) {
          for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
        }
      },
    }),
    jobs: new Counter({
      name: 'undersigned_jobs_total',
      help: 'Jobs finished by this process, by queue and outcome (completed | retrying | failed).',
      labelNames: ['queue', 'outcome'] as const,
      registers,
    }),
    jobSeconds: new Histogram({
      name: 'undersigned_job_duration_seconds',
      help: 'Time a job ran, by queue.',
      labelNames: ['queue'] as const,
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    deliveries: new Counter({
      name: 'undersigned_deliveries_total',
      help: 'Deliveries to targets by outcome (sent | failed | uncertain | error: a temporary failure that is retried).',
      labelNames: ['outcome'] as const,
      registers,
    }),
    emails: new Counter({
      name: 'undersigned_emails_total',
      help: 'Emails to supporters by kind (confirmation | update) and outcome (sent | failed | bounced | error).',
      labelNames: ['kind', 'outcome'] as const,
      registers,
    }),
    reconcilerRepairs: new Counter({
      name: 'undersigned_reconciler_repairs_total',
      help: 'What the reconcilers repaired, by kind (counter, delivery_job, confirmation_job, update_recipient, update_run, review_run).',
      labelNames: ['kind'] as const,
      registers,
    }),
    dbPool: new Gauge({
      name: 'undersigned_db_pool_connections',
      help: 'Postgres pool connections by pool and state (total | idle | waiting: clients waiting for a connection).',
      labelNames: ['pool', 'state'] as const,
      registers,
      collect() {
        this.reset();
        for (const [pool, p] of sources.pools) {
          this.set({ pool, state: 'total' }, p.totalCount);
          this.set({ pool, state: 'idle' }, p.idleCount);
          this.set({ pool, state: 'waiting' }, p.waitingCount);
        }
      },
    }),
  };
}

/** Where the scrape-time gauges read from. */
export interface MetricSources {
  signQueues: (() => { queued: number; inFlight: number })[];
  pools: Map<string, PoolLike>;
  readQueues: () => Promise<QueueJobCounts>;
}

export type MetricSet = ReturnType<typeof defineMetrics>;
