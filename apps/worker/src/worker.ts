import type { AddressInfo } from 'node:net';
import { UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createUpdateSendThrottle } from '@undersigned/core/mail';
import { createDb } from '@undersigned/db';
import { createMailer } from '@undersigned/email';
import { getLogger, type Logger } from '@undersigned/log';
import { JOBS, MAINTENANCE_JOB_OPTIONS, QUEUES, closeQueues, createWorkerConnection, getQueue, type JobName } from '@undersigned/jobs';
import { QUEUE_CONFIG } from './config';
import type { JobResult, WorkerContext } from './context';
import type { WorkerEnv } from './env';
import { startHealthServer } from './health';
import { loggingMailer } from './logging-mailer';
import { recordJobCompleted, recordJobFailed, startWorkerMetrics } from './metrics';
import { startMetricsListener } from '@undersigned/metrics';
import { PROCESSORS } from './processors';

export interface RunningWorker {
  port: number;
  /** Stops taking jobs, lets running ones finish, closes every connection. */
  close(): Promise<void>;
}

/** Fields for a job's log lines (its logger's bindings), from its payload: ids only. */
function jobFields(job: Job | undefined): Record<string, unknown> {
  if (!job) return {};
  const data = (job.data ?? {}) as Record<string, unknown>;
  return {
    queue: job.queueName,
    job: job.name,
    jobId: job.id,
    attempt: job.attemptsStarted,
    ...(typeof data.deliveryId === 'string' ? { deliveryId: data.deliveryId } : {}),
    ...(typeof data.signatureId === 'string' ? { signatureId: data.signatureId } : {}),
    ...(typeof data.updateId === 'string' ? { updateId: data.updateId } : {}),
    ...(typeof data.reviewJobId === 'string' ? { reviewJobId: data.reviewJobId } : {}),
  };
}

/** Jobs whose processors send one email each: their SMTP answers are logged at info (updates' at debug: a million recipients). */
const MAIL_JOBS: ReadonlySet<string> = new Set([JOBS.sendDelivery, JOBS.sendConfirmationEmail]);

const lastLogged = new Map<string, number>();

/** Logs a repeating error (e.g. Redis down, retried every few hundred ms) at most every 30 s. */
function logThrottled(key: string, write: () => void): void {
  const now = Date.now();
  if ((lastLogged.get(key) ?? 0) > now - 30_000) return;
  lastLogged.set(key, now);
  write();
}

/** Registers the repeatable maintenance jobs (idempotent; re-run periodically in case Redis lost them). */
async function ensureSchedulers(env: WorkerEnv): Promise<void> {
  const queue = getQueue(QUEUES.maintenance);
  const every: [JobName, number][] = [
    [JOBS.planDeliveries, env.WORKER_PLAN_EVERY_MS],
    [JOBS.reconcileJobs, env.WORKER_RECONCILE_EVERY_MS],
    [JOBS.reconcileCounts, 300_000],
    [JOBS.anonymizeSigners, env.WORKER_RETENTION_EVERY_MS],
  ];
  const webhooks = getQueue(QUEUES.webhooks);
  const all: [Queue, JobName, number][] = [
    ...every.map(([name, ms]): [Queue, JobName, number] => [queue, name, ms]),
    [webhooks, JOBS.webhooksTick, env.WEBHOOK_TICK_MS],
  ];
  for (const [q, name, ms] of all) {
    await Promise.race([
      q.upsertJobScheduler(name, { every: ms }, { name, data: {}, opts: { ...MAINTENANCE_JOB_OPTIONS } }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('Redis did not answer')), 5_000).unref()),
    ]);
  }
}

export async function startWorker(env: WorkerEnv, log: Logger = getLogger('worker')): Promise<RunningWorker> {
  const db = createDb({ url: env.DATABASE_URL, max: env.DATABASE_POOL_MAX });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
  const connections: Redis[] = [];
  let closing = false;
  // Updates to signers: a mailer of their own (more pooled connections than deliveries need) and
  // the send rate shared by every worker through Redis (a connection that waits through restarts).
  const updatesMailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, maxConnections: env.UPDATES_SMTP_CONNECTIONS });
  const throttleRedis = createWorkerConnection(env.REDIS_URL);
  connections.push(throttleRedis);
  const throttle = createUpdateSendThrottle(throttleRedis, { ratePerSecond: env.UPDATES_RATE_PER_SECOND, keyPrefix: env.QUEUE_PREFIX });
  const metrics = startWorkerMetrics(env, db);
  const ctx: WorkerContext = { db, mailer, logger: log, env, updates: { mailer: updatesMailer, throttle }, isClosing: () => closing };
  /** The context of one job: its own logger, and mailers that log their SMTP answers on it. */
  const jobContext = (job: Job): WorkerContext => {
    // Not the job's name: `job` marks the one line per job (its outcome) that tests, benches and drills look for.
    const { job: _name, ...bindings } = jobFields(job);
    const logger = log.child(bindings);
    return {
      ...ctx,
      logger,
      mailer: loggingMailer(mailer, logger, MAIL_JOBS.has(job.name) ? 'info' : 'debug'),
      updates: { ...ctx.updates, mailer: loggingMailer(updatesMailer, logger, 'debug') },
    };
  };

  const workers = QUEUE_CONFIG.map((config) => {
    const connection = createWorkerConnection(env.REDIS_URL);
    connections.push(connection);
    const lockDuration = env.WORKER_LOCK_MS ?? config.lockDuration;
    const worker = new Worker<unknown, JobResult>(
      config.queue,
      async (job) => {
        const processor = PROCESSORS[job.name as JobName];
        // Unrecoverable: retrying cannot find a processor; see PROCESSORS for why this loses nothing.
        if (!processor) throw new UnrecoverableError(`No processor for job "${job.name}" on queue ${config.queue}`);
        return processor(job, jobContext(job));
      },
      {
        connection,
        prefix: env.QUEUE_PREFIX,
        concurrency: config.concurrency,
        lockDuration,
        stalledInterval: Math.min(lockDuration, 30_000),
      },
    );
    worker.on('completed', (job, result) => {
      recordJobCompleted(metrics, job, result);
      // Idle planner ticks are not worth a line every few seconds.
      if ((job.queueName === QUEUES.maintenance || job.queueName === QUEUES.webhooks) && result?.outcome === 'idle') return;
      log.info({ ...jobFields(job), durationMs: job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined, ...result }, 'job');
    });
    worker.on('failed', (job, error) => {
      const willRetry = job && !(error instanceof UnrecoverableError) ? job.attemptsMade < (job.opts.attempts ?? 1) : false;
      recordJobFailed(metrics, job, willRetry);
      log[willRetry ? 'warn' : 'error'](
        {
          ...jobFields(job),
          durationMs: job?.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : undefined,
          outcome: willRetry ? 'retrying' : 'failed',
          err: error,
        },
        'job',
      );
    });
    worker.on('error', (error) =>
      logThrottled(`${config.queue}:${error.message}`, () => log.error({ queue: config.queue, err: error }, 'worker error')),
    );
    return worker;
  });

  const scheduleSchedulers = () => ensureSchedulers(env).catch((error: unknown) => log.warn({ err: error }, 'could not register maintenance jobs'));
  void scheduleSchedulers();
  const schedulerTimer = setInterval(() => void scheduleSchedulers(), Math.max(env.WORKER_PLAN_EVERY_MS * 6, 2_000));

  const healthRedis = createWorkerConnection(env.REDIS_URL);
  connections.push(healthRedis);
  const server = await startHealthServer({
    port: env.WORKER_PORT,
    db,
    redis: healthRedis,
    isClosing: () => closing,
    metricsToken: env.METRICS_TOKEN,
  });
  const metricsListener = await startMetricsListener(env);
  const port = (server.address() as AddressInfo).port;
  log.info(
    {
      port,
      queues: QUEUE_CONFIG.map((q) => ({ queue: q.queue, concurrency: q.concurrency, lockDuration: env.WORKER_LOCK_MS ?? q.lockDuration })),
      updatesRatePerSecond: env.UPDATES_RATE_PER_SECOND,
    },
    'worker started',
  );
  if (env.WEBHOOK_ALLOW_PRIVATE_URLS) {
    log.warn('WEBHOOK_ALLOW_PRIVATE_URLS is on: webhooks may reach loopback and private addresses (development only; never in production)');
  }

  return {
    port,
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(schedulerTimer);
      // worker.close() waits for the jobs in progress to finish.
      await Promise.all(workers.map((w) => w.close()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
      metricsListener?.close();
      await closeQueues();
      // BullMQ does not close connections it was given: close them ourselves.
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
      mailer.close();
      updatesMailer.close();
      await db.$disconnect();
    },
  };
}
