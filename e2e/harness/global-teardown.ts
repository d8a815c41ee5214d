import type { TestDatabase } from '@undersigned/db/testing';
import type { WebServer } from '@undersigned/testing';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __e2eServer?: WebServer; __e2eDatabase?: TestDatabase };
  await g.__e2eServer?.stop(5_000);
  if (process.env.E2E_KEEP_DATABASE !== '1') await g.__e2eDatabase?.drop();
}
