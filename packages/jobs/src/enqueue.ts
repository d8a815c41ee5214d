import { Queue, type JobsOptions, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import { createProducerConnection } from './connection';
import { jobsEnv } from './env';
import { DEFAULT_JOB_OPTIONS, ENQUEUE_TIMEOUT_MS } from './defaults';
import { JOB_QUEUE, JOBS, QUEUES, jobIds, type JobName, type QueueName } from './names';
import {
  PAYLOADS,
  sendConfirmationEmailPayload,
  sendDeliveryPayload,
  updateJobPayload,
  reviewJobPayload,
  type PayloadOf,
  type ReviewJobPayload,
  type SendConfirmationEmailPayload,
  type SendDeliveryPayload,
  type UpdateJobPayload,
} from './payloads';

interface ProducerState {
  connection: Redis;
  queues: Map<QueueName, Queue>;
}

let state: ProducerState | undefined;

function producer(): ProducerState {
  state ??= { connection: createProducerConnection(), queues: new Map() };
  return state;
}

/** The producer-side Queue for a name (one per process, sharing one fail-fast connection). */
export function getQueue(name: QueueName): Queue {
  const p = producer();
  let queue = p.queues.get(name);
  if (!queue) {
    queue = new Queue(name, {
      connection: p.connection,
      prefix: jobsEnv().QUEUE_PREFIX,
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS },
    });
    // Errors surface through the rejected add(); keep the emitter from throwing on 'error'.
    queue.on('error', () => undefined);
    p.queues.set(name, queue);
  }
  return queue;
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Adds one typed job. Throws (fast) when Redis is unreachable. */
export async function enqueue<N extends JobName>(name: N, payload: PayloadOf<N>, options: JobsOptions & { jobId: string }): Promise<void> {
  const data = PAYLOADS[name].parse(payload);
  const queue = getQueue(JOB_QUEUE[name]);
  try {
    await withTimeout(queue.add(name, data, options), `enqueue ${name}`);
  } catch (error) {
    // Start from a fresh connection next time rather than trusting one that just failed.
    void closeQueues();
    throw error;
  }
}

/**
 * Queues the confirmation email of a pending signature. The job id derives from the signature
 * id, so repeats do not duplicate while the job is kept. Throws if Redis is unreachable: the
 * caller logs and carries on (Postgres holds the truth; the reconciler re-enqueues unsent ones).
 */
export async function enqueueConfirmationEmail(payload: SendConfirmationEmailPayload): Promise<void> {
  const data = sendConfirmationEmailPayload.parse(payload);
  await enqueue(JOBS.sendConfirmationEmail, data, { jobId: jobIds.confirmation(data.signatureId) });
}

/** Queues the sending of a delivery; the job id is the delivery id (docs/DESIGN.md invariant 5). */
export async function enqueueDelivery(payload: SendDeliveryPayload): Promise<void> {
  const data = sendDeliveryPayload.parse(payload);
  await enqueue(JOBS.sendDelivery, data, { jobId: jobIds.delivery(data.deliveryId) });
}

/**
 * Queues one planning run of an update to signers (one bounded chunk of recipients per run; the
 * run queues the next). The job id is unique per call, never deduplicated: a later re-enqueue
 * (resume, the reconciler, the next chunk) must run even while an earlier job is still kept.
 * Duplicates are harmless: the update row and the recipient rows guard everything.
 */
export async function enqueueUpdatePlan(payload: UpdateJobPayload, options: { delayMs?: number } = {}): Promise<void> {
  const data = updateJobPayload.parse(payload);
  await enqueue(JOBS.planUpdate, data, { jobId: jobIds.updatePlan(data.updateId), ...(options.delayMs ? { delay: options.delayMs } : {}) });
}

/**
 * Queues one sending run of an update (claims and sends pending recipients for a bounded time,
 * then queues the next run while work remains). Job id unique per call, as for planning.
 */
export async function enqueueUpdateSend(payload: UpdateJobPayload, options: { delayMs?: number } = {}): Promise<void> {
  const data = updateJobPayload.parse(payload);
  await enqueue(JOBS.sendUpdate, data, { jobId: jobIds.updateSend(data.updateId), ...(options.delayMs ? { delay: options.delayMs } : {}) });
}

/**
 * For the reconciler and the send runs: how many planning / sending jobs each update has waiting,
 * running or (unless `includeDelayed` is false) delayed. Reads the `updates` queue, which holds a
 * few jobs per update at most.
 */
export async function liveUpdateJobs(options: { includeDelayed?: boolean } = {}): Promise<{ plan: Map<string, number>; send: Map<string, number> }> {
  const queue = getQueue(QUEUES.updates);
  const types: JobType[] = [
    'waiting',
    'active',
    'prioritized',
    'waiting-children',
    ...(options.includeDelayed === false ? [] : (['delayed'] as const)),
  ];
  const jobs = await withTimeout(queue.getJobs(types), 'list update jobs');
  const plan = new Map<string, number>();
  const send = new Map<string, number>();
  for (const job of jobs) {
    const parsed = job ? updateJobPayload.safeParse(job.data) : undefined;
    if (!parsed?.success) continue;
    const into = job.name === JOBS.planUpdate ? plan : job.name === JOBS.sendUpdate ? send : undefined;
    into?.set(parsed.data.updateId, (into.get(parsed.data.updateId) ?? 0) + 1);
  }
  return { plan, send };
}

/**
 * Queues one run of a review job (chunks of core's runReviewJobChunk for a bounded time; the run
 * queues the next while work remains). Job id unique per call: the review_job row guards the work.
 */
export async function enqueueReviewRun(payload: ReviewJobPayload, options: { delayMs?: number } = {}): Promise<void> {
  const data = reviewJobPayload.parse(payload);
  await enqueue(JOBS.runReview, data, { jobId: jobIds.reviewRun(data.reviewJobId), ...(options.delayMs ? { delay: options.delayMs } : {}) });
}

/** For the reconciler: review job ids with a run waiting, delayed or running in the `review` queue. */
export async function liveReviewRuns(): Promise<Set<string>> {
  const queue = getQueue(QUEUES.review);
  const jobs = await withTimeout(queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']), 'list review jobs');
  const live = new Set<string>();
  for (const job of jobs) {
    const parsed = job ? reviewJobPayload.safeParse(job.data) : undefined;
    if (parsed?.success) live.add(parsed.data.reviewJobId);
  }
  return live;
}

export type EnsureResult = 'queued' | 'present' | 'requeued';

/**
 * For the reconciler: makes sure a job with this id is waiting, delayed or active. A job that
 * is missing (lost with Redis, or removed) is added; one that finished without the work being
 * done in Postgres (failed after its attempts, or completed) is removed and added again.
 */
async function ensureJob<N extends JobName>(name: N, payload: PayloadOf<N>, jobId: string): Promise<EnsureResult> {
  const queue = getQueue(JOB_QUEUE[name]);
  const existing = await withTimeout(queue.getJob(jobId), `look up ${jobId}`);
  if (existing) {
    const jobState = await existing.getState();
    if (jobState !== 'completed' && jobState !== 'failed' && jobState !== 'unknown') return 'present';
    await existing.remove();
    await enqueue(name, payload, { jobId });
    return 'requeued';
  }
  await enqueue(name, payload, { jobId });
  return 'queued';
}

export function ensureDeliveryQueued(payload: SendDeliveryPayload): Promise<EnsureResult> {
  const data = sendDeliveryPayload.parse(payload);
  return ensureJob(JOBS.sendDelivery, data, jobIds.delivery(data.deliveryId));
}

export function ensureConfirmationEmailQueued(payload: SendConfirmationEmailPayload): Promise<EnsureResult> {
  const data = sendConfirmationEmailPayload.parse(payload);
  return ensureJob(JOBS.sendConfirmationEmail, data, jobIds.confirmation(data.signatureId));
}

/** Closes the producer queues and their connection (clean shutdown, end of tests). */
export async function closeQueues(): Promise<void> {
  const current = state;
  state = undefined;
  if (!current) return;
  const closing = Promise.allSettled([...current.queues.values()].map((q) => q.close()));
  if (current.connection.status === 'ready') {
    await closing;
    await current.connection.quit().catch(() => current.connection.disconnect());
  } else {
    // Not connected: nothing to flush. Stop reconnecting now; the queues' close then settles.
    current.connection.disconnect();
    await Promise.race([closing, new Promise((r) => setTimeout(r, 1_000).unref())]);
  }
}
