import type { ChildProcess } from 'node:child_process';
import type { TestDatabase } from '@undersigned/db/testing';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __e2eServer?: ChildProcess; __e2eDatabase?: TestDatabase };
  const server = g.__e2eServer;
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000).unref())]);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  if (process.env.E2E_KEEP_DATABASE !== '1') await g.__e2eDatabase?.drop();
}
