import { getLogger, initLogger, routeConsoleTo } from '@undersigned/log';
import { loadWorkerEnv } from './env';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const env = loadWorkerEnv();
  const log = initLogger({ service: 'worker', level: env.LOG_LEVEL, format: env.LOG_FORMAT });
  // What libraries print (BullMQ's Redis advice) becomes log lines too.
  routeConsoleTo(log);
  const worker = await startWorker(env, log);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      log.error({ timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
      process.exit(1);
    }, env.WORKER_SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    worker
      .close()
      .then(() => {
        log.info({ signal }, 'stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  getLogger('worker').error({ err: error }, 'worker failed to start');
  process.exit(1);
});
