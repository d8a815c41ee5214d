import type { Db } from '@undersigned/db';
import type { Mailer } from '@undersigned/email';
import type { WorkerEnv } from './env';

/** What processors get: the process's database client, mailer and validated env. */
export interface WorkerContext {
  db: Db;
  mailer: Mailer;
  env: WorkerEnv;
}

/** What a processor returns; logged as the job's one line (outcome plus any fields). */
export interface JobResult {
  outcome: string;
  [field: string]: unknown;
}
