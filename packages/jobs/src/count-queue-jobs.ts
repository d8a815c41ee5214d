import { getQueue } from './enqueue';
import { QUEUES, type QueueName } from './names';

/**
 * Jobs per state (waiting, active, delayed, failed, completed, prioritized, paused,
 * waiting-children) of every queue, through the producer connection (fails fast when Redis is
 * down). For metrics: the worker and the staff app read it at most every few seconds.
 */
export async function countQueueJobs(): Promise<Record<QueueName, Record<string, number>>> {
  const names = Object.values(QUEUES);
  const counts = await Promise.all(names.map((name) => getQueue(name).getJobCounts()));
  return Object.fromEntries(names.map((name, i) => [name, counts[i]!])) as Record<QueueName, Record<string, number>>;
}
