import { Queue } from 'bullmq';
import { createProducerConnection } from './connection';
import { jobsEnv } from './env';
import { QUEUES } from './names';

export interface DashboardQueues {
  /** One Queue per queue the worker consumes, with the configured prefix (QUEUE_PREFIX). */
  queues: Queue[];
  /** The key prefix every queue uses in Redis. */
  prefix: string;
  close(): Promise<void>;
}

/**
 * For the staff app's queue dashboard (Bull Board): every queue of QUEUES, on one fail-fast
 * producer connection of its own (REDIS_URL), so the dashboard never shares — or closes — the
 * connection enqueues use. Reads and the few actions the dashboard allows (retry, clean) only.
 */
export function openDashboardQueues(): DashboardQueues {
  const { REDIS_URL, QUEUE_PREFIX } = jobsEnv();
  const connection = createProducerConnection(REDIS_URL);
  connection.on('error', () => undefined);
  const queues = Object.values(QUEUES).map((name) => {
    const queue = new Queue(name, { connection, prefix: QUEUE_PREFIX });
    queue.on('error', () => undefined);
    return queue;
  });
  return {
    queues,
    prefix: QUEUE_PREFIX,
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
