// What each worker test file needs: its own database, a real SMTP server, the complete test
// environment (never a developer's .env), and real worker processes, killed after each test.
import { useTestDatabase, type TestDatabaseHandle } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, startWorker, testEnv, type WorkerProcess } from '@undersigned/testing';

export interface WorkerTestbed {
  t: TestDatabaseHandle;
  sink: SmtpSink;
  /** The workers' environment (SMTP_URL is the sink; QUEUE_PREFIX is this file's own). */
  env: Record<string, string>;
  /** Starts a worker process with `env` and these overrides; it is killed after the test. */
  start(overrides?: Record<string, string>): WorkerProcess;
}

/**
 * Registers the hooks of a worker test file; the testbed's fields are set once beforeAll ran. The
 * database is dropped first in afterAll: the workers that used it were killed after each test.
 */
export function useWorkerTestbed(label: string, overrides: Record<string, string> = {}): WorkerTestbed {
  const workers: WorkerProcess[] = [];
  const bed = {
    t: useTestDatabase(`worker_${label}`),
    start(extra: Record<string, string> = {}) {
      const worker = startWorker({ ...bed.env, ...extra });
      workers.push(worker);
      return worker;
    },
  } as WorkerTestbed;
  beforeAll(async () => {
    bed.sink = await startSmtpSink();
    bed.env = testEnv({ databaseUrl: bed.t.url, label: `worker-${label}`, overrides: { SMTP_URL: bed.sink.url, ...overrides } });
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill();
    bed.sink.decide = null;
    bed.sink.clear();
  });
  afterAll(async () => {
    await bed.sink?.close();
    if (bed.env) await deleteTestKeys(bed.env, bed.env.REDIS_URL);
  });
  return bed;
}
