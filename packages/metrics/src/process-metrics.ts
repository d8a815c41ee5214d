import { collectDefaultMetrics, Registry } from 'prom-client';
import { defineMetrics, type MetricSet, type MetricSources, type PoolLike, type QueueJobCounts } from './define-metrics';

/** The process's registry and metrics, with the sources its scrape-time gauges read. */
export interface Metrics extends MetricSet {
  registry: Registry;
  /** Reports a group-commit batcher's queue (its `stats()`) as the sign queue depth. */
  observeSignQueue(stats: () => { queued: number; inFlight: number }): void;
  /** Reports a pg pool's connections under `name` (e.g. `prisma`, `sign`); a later pool of the same name replaces it. */
  observePool(name: string, pool: PoolLike | undefined): void;
  /**
   * Reports BullMQ queue depths: `read` is called at most every `cacheMs` (default 5 s) however
   * often Prometheus scrapes, and a read that fails or takes over 2 s leaves the last figures.
   */
  observeQueues(read: () => Promise<QueueJobCounts>, cacheMs?: number): void;
}

const globalForMetrics = globalThis as unknown as { __undersignedMetrics?: Metrics | null };

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

function createMetrics(app: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  // Node's own: CPU, memory, event-loop lag, GC, handles (conventional names, unprefixed).
  collectDefaultMetrics({ register: registry });
  let queueReader: { read: () => Promise<QueueJobCounts>; cacheMs: number } | null = null;
  let cached: { at: number; counts: QueueJobCounts } | null = null;
  const sources: MetricSources = {
    signQueues: [],
    pools: new Map(),
    async readQueues() {
      if (!queueReader) return {};
      const now = Date.now();
      if (cached && now - cached.at < queueReader.cacheMs) return cached.counts;
      try {
        cached = { at: now, counts: await within(queueReader.read(), 2_000) };
      } catch {
        // Redis down: keep the last figures (the gap shows as a stale timestamp in the next read).
        if (cached) cached.at = now;
      }
      return cached?.counts ?? {};
    },
  };
  return {
    registry,
    ...defineMetrics(registry, sources),
    observeSignQueue: (stats) => void sources.signQueues.push(stats),
    observePool: (name, pool) => {
      if (pool) sources.pools.set(name, pool);
    },
    observeQueues: (read, cacheMs = 5_000) => {
      queueReader = { read, cacheMs };
      cached = null;
    },
  };
}

/**
 * The process's one metrics registry (kept on globalThis, so the custom server and the Next
 * bundle inside the same process share it), or null when METRICS_ENABLED=false: then callers skip
 * all instrumentation (`metrics?.x.inc()`, observers not wired) and `/metrics` answers 404.
 * The first call decides; later calls return the same answer.
 */
export function processMetrics(env: { METRICS_ENABLED: boolean }, app: string): Metrics | null {
  if (globalForMetrics.__undersignedMetrics === undefined) {
    globalForMetrics.__undersignedMetrics = env.METRICS_ENABLED ? createMetrics(app) : null;
  }
  return globalForMetrics.__undersignedMetrics;
}

/** The metrics processMetrics() set up, without setting any up (null before, or when disabled). */
export function currentMetrics(): Metrics | null {
  return globalForMetrics.__undersignedMetrics ?? null;
}

/** Tests: forget the process's metrics so the next processMetrics() starts over. */
export function resetProcessMetrics(): void {
  globalForMetrics.__undersignedMetrics?.registry.clear();
  globalForMetrics.__undersignedMetrics = undefined;
}
