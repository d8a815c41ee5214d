// What every drill starts from: its own database, a real SMTP server, one complete environment
// for its web server and workers (testEnv: never a developer's .env or exported tuning), and the
// processes it starts, stopped afterwards with their output kept in drills/.logs/.
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, startWebServer, startWorker, testEnv, type TestProcess, type WebServer, type WorkerProcess } from '@undersigned/testing';
import { saveLog } from './results';

export interface Drill {
  t: TestDatabase;
  sink: SmtpSink;
  env: Record<string, string>;
  /** The public app's production server with `env` and these overrides (on `port` when given: a restart behind a proxy). */
  startWeb(overrides?: Record<string, string>, port?: number): Promise<WebServer>;
  /** A worker process with `env` and these overrides (await its `started`). */
  startWorker(overrides?: Record<string, string>): WorkerProcess;
}

/** The drills' settings on top of testEnv: fast planner and reconciler, and signing limits lifted. */
export const DRILL_SETTINGS: Record<string, string> = {
  // Every drill signs from 127.0.0.1: lift the per-IP/per-domain limits (they still run and still
  // touch Redis, which is what drill 2 needs).
  SIGN_LIMIT_PER_IP_SUSPICIOUS: '10000000',
  SIGN_LIMIT_PER_IP_BLOCK: '10000001',
  SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '10000000',
  SIGN_LIMIT_PER_DOMAIN_BLOCK: '10000001',
  WORKER_PLAN_EVERY_MS: '300',
  WORKER_RECONCILE_EVERY_MS: '1000',
  WORKER_LOCK_MS: '2000',
};

/** Registers the drill file's hooks; the fields are set once its beforeAll has run. `settings` replaces DRILL_SETTINGS (drill 10 keeps the real rate limits). */
export function useDrill(label: string, options: { settings?: Record<string, string> } = {}): Drill {
  const processes: { name: string; proc: TestProcess }[] = [];
  const keep = <P extends TestProcess>(kind: string, proc: P): P => {
    processes.push({ name: `${label}-${kind}-${processes.length + 1}`, proc });
    return proc;
  };
  const drill = {
    startWeb: async (overrides = {}, port?: number) => keep('web', await startWebServer({ env: { ...drill.env, ...overrides }, port })),
    startWorker: (overrides = {}) => keep('worker', startWorker({ ...drill.env, ...overrides })),
  } as Drill;
  beforeAll(async () => {
    drill.t = await createTestDatabase(label);
    drill.sink = await startSmtpSink();
    drill.env = testEnv({ databaseUrl: drill.t.url, label, overrides: { ...(options.settings ?? DRILL_SETTINGS), SMTP_URL: drill.sink.url } });
  });
  afterAll(async () => {
    for (const { name, proc } of processes) {
      await proc.stop(8_000);
      saveLog(name, proc.output());
    }
    await drill.sink?.close();
    if (drill.env) await deleteTestKeys(drill.env);
    await drill.t?.drop();
  });
  return drill;
}
