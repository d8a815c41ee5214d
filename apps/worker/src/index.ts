import { loadWorkerEnv } from './env';
import { errorFields, log } from './log';
import { startWorker } from './worker';

async function main(): Promise<void> {
  const env = loadWorkerEnv();
  const worker = await startWorker(env);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log('info', 'shutting down', { signal });
    const timer = setTimeout(() => {
      log('error', 'shutdown timed out; exiting', { timeoutMs: env.WORKER_SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, env.WORKER_SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    worker
      .close()
      .then(() => {
        log('info', 'stopped', { signal });
        process.exit(0);
      })
      .catch((error: unknown) => {
        log('error', 'shutdown failed', errorFields(error));
        process.exit(1);
      });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  log('error', 'worker failed to start', errorFields(error));
  process.exit(1);
});
