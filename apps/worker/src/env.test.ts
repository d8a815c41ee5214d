import { parseEnv } from '@undersigned/config/env';
import { testEnv } from '@undersigned/testing';
import { workerEnvSchema } from './env';

describe('the worker’s environment in tests', () => {
  it('is complete from testEnv alone (no .env): database, queues, SMTP and the confirmation secret', () => {
    const env = parseEnv(workerEnvSchema, testEnv({ databaseUrl: 'postgresql://postgres@127.0.0.1:5432/worker_test', label: 'worker-env' }));
    expect(env.WORKER_PORT).toBe(0);
    expect(env.QUEUE_PREFIX).toMatch(/^worker-env-/);
  });
});
