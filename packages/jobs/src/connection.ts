import { Redis, type RedisOptions } from 'ioredis';
import { jobsEnv } from './env';

/**
 * Producer connection (web, staff, the worker's own enqueues): fail fast. A request that cannot
 * reach Redis errors at once instead of queueing in memory, so a signer is never kept waiting on
 * Redis; Postgres holds the truth and the reconciler enqueues what was missed.
 */
export const PRODUCER_OPTIONS: Readonly<RedisOptions> = Object.freeze({
  maxRetriesPerRequest: 1,
  enableOfflineQueue: false,
  connectTimeout: 2_000,
  // Keep trying to reconnect in the background (capped), so enqueues work again after Redis returns.
  retryStrategy: (times: number) => Math.min(times * 200, 5_000),
});

/** Worker connection: blocking commands must wait through Redis restarts (BullMQ requires null). */
export const WORKER_OPTIONS: Readonly<RedisOptions> = Object.freeze({
  maxRetriesPerRequest: null,
  retryStrategy: (times: number) => Math.min(times * 200, 5_000),
});

export function createProducerConnection(url: string = jobsEnv().REDIS_URL): Redis {
  return new Redis(url, { ...PRODUCER_OPTIONS, connectionName: 'undersigned-producer' });
}

export function createWorkerConnection(url: string = jobsEnv().REDIS_URL): Redis {
  return new Redis(url, { ...WORKER_OPTIONS, connectionName: 'undersigned-worker' });
}
