import type { UpdateSendThrottle } from '@undersigned/core/mail';
import type { Db } from '@undersigned/db';
import type { Mailer } from '@undersigned/email';
import type { Logger } from '@undersigned/log';
import type { WorkerEnv } from './env';

/**
 * What processors get: the process's database client, mailers, validated env and shutdown state,
 * and the job's logger (a child bound to queue, jobId, attempt and the payload's ids). `mailer`
 * logs each SMTP answer on that logger (loggingMailer).
 */
export interface WorkerContext {
  db: Db;
  mailer: Mailer;
  logger: Logger;
  env: WorkerEnv;
  /** Updates to signers: their own pooled mailer (UPDATES_SMTP_CONNECTIONS) and the send rate shared by all workers. */
  updates: { mailer: Mailer; throttle: UpdateSendThrottle };
  /** True once a graceful shutdown began: long runs stop after their current batch. */
  isClosing: () => boolean;
}

/** What a processor returns; logged as the job's one line (outcome plus any fields). */
export interface JobResult {
  outcome: string;
  [field: string]: unknown;
}
