// The public app inside a jest process, for integration tests that call its route handlers and
// sign endpoint directly: a test database of its own, the complete test environment (testEnv;
// nothing from a developer's shell or .env), and one teardown for everything the app opened.
import type { Db } from '@undersigned/db';
import { createTestDatabase } from '@undersigned/db/testing';
import { deleteTestKeys, inheritedEnv, testEnv, testRedisUrl } from '@undersigned/testing';
import { Redis } from 'ioredis';

export interface WebTestApp {
  /** A Prisma client on the test database (for fixtures and assertions). */
  db: Db;
  /** The test database's URL. */
  url: string;
  /** The environment the app runs with in this process (secrets, prefixes…). */
  env: Record<string, string>;
  /** A connection of the test's own to the app's Redis, for looking at its keys. */
  redis: Redis;
  /** Closes the app's Redis, queues, signature pool and Prisma client, deletes its Redis keys, drops the database. */
  close(): Promise<void>;
}

/**
 * Sets up the public app's environment in this process. Import the app's modules after this
 * resolves (`await import(...)`): they read the environment when first used.
 */
export async function startWebTestApp(label: string, overrides: Record<string, string> = {}): Promise<WebTestApp> {
  const t = await createTestDatabase(label);
  const env = testEnv({ databaseUrl: t.url, label, overrides: { PUBLIC_WEB_URL: 'https://petitions.example', ...overrides } });
  // Tuning variables a developer exported (SIGN_LIMIT_*, …) must not change what a test proves.
  const kept = inheritedEnv();
  for (const name of Object.keys(process.env)) if (!(name in kept)) delete process.env[name];
  Object.assign(process.env, env);
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });

  async function close(): Promise<void> {
    (await import('@/server/redis')).getRedis().disconnect();
    await (await import('@undersigned/jobs')).closeQueues();
    await (await import('@/server/signer')).closeSigner();
    await (await import('@undersigned/db')).getDb().$disconnect();
    redis.disconnect();
    await deleteTestKeys(env);
    await t.drop();
  }

  return { db: t.db, url: t.url, env, redis, close };
}
