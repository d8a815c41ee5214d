/**
 * The environment every test process runs with, complete: what the apps, the worker and the seed
 * validate at boot, with test values. Test processes take their settings from here and never from
 * a developer's `.env` (`ENV_FILE=off` tells every entry point not to read one), so `npm test` on
 * a fresh clone behaves exactly as on a machine that has run `npm run dev`.
 *
 * Only where the services are comes from outside: TEST_DATABASE_ADMIN_URL (see
 * @undersigned/db/testing) and TEST_REDIS_URL (default redis://127.0.0.1:6379).
 */
// In JSON so that scripts/test.mjs can build the apps with the same values: the client-bundle
// secrets scan (apps/web/src/server/client-bundle-secrets.test.ts) then knows what to look for.
import secrets from './test-secrets.json';

export const TEST_SECRETS = {
  IP_HASH_SECRET: secrets.IP_HASH_SECRET,
  CONFIRM_TOKEN_SECRET: secrets.CONFIRM_TOKEN_SECRET,
  AUTH_SECRET: secrets.AUTH_SECRET,
} as const;

export const TEST_ADMIN = { email: 'admin@test.example', password: secrets.ADMIN_PASSWORD } as const;

/**
 * The server-only secrets the test run builds and runs the apps with (the JSON's values): what the
 * client-bundle scan looks for in the builds' output.
 */
export function buildSecrets(): Record<keyof typeof secrets, string> {
  return { ...secrets };
}

/** The Redis the tests use (the machine's shared one; tests isolate by key prefix). */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A prefix no other test process uses at the same time (queues, rate-limit keys). */
export function uniquePrefix(label: string): string {
  return `${label.replace(/[^a-zA-Z0-9_-]/g, '-')}-${process.pid}-${Date.now().toString(36)}`;
}

export interface TestEnvOptions {
  /** The test database (createTestDatabase(...).url). */
  databaseUrl: string;
  /** Labels this run's queue and rate-limit prefixes. */
  label: string;
  /** Anything else, or a different value for any variable. */
  overrides?: Record<string, string>;
}

/**
 * A complete environment for a test process (a spawned server or worker, or the current jest
 * process via Object.assign(process.env, testEnv(...))). PATH, HOME and the like are kept from
 * the parent; every variable the product reads is set here, none is inherited.
 */
export function testEnv({ databaseUrl, label, overrides = {} }: TestEnvOptions): Record<string, string> {
  const prefix = uniquePrefix(label);
  return {
    ENV_FILE: 'off',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix.slice(0, 40),
    RATE_LIMIT_PREFIX: `rl:${prefix}`.slice(0, 64),
    PUBLIC_WEB_URL: 'http://127.0.0.1:9',
    STAFF_URL: 'http://127.0.0.1:9',
    ...TEST_SECRETS,
    AUTH_TRUST_HOST: 'true',
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Nothing listens on port 9 (discard): a test that sends mail must start an SMTP sink and
    // pass its URL.
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'Undersigned tests <tests@undersigned.example>',
    STAFF_TIME_ZONE: 'America/Los_Angeles',
    // The OS picks the worker's health port: a fixed one would collide with a running dev worker.
    WORKER_PORT: '0',
    // One JSON object per line, whatever a developer's shell says: tests read the processes' log lines.
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
    ...overrides,
  };
}

/** Variables a developer's shell or `.env` may carry that would change what a test proves. */
export const PRODUCT_ENV_PREFIXES = [
  'SIGN_',
  'WORKER_',
  'RETENTION_',
  'TRUSTED_PROXY_',
  'STAFF_',
  'DATABASE_POOL_',
  'AUTH_',
  'NEXTAUTH_',
  'RATE_LIMIT_',
  'QUEUE_',
  'LOG_',
  'METRICS_',
];

/**
 * process.env without the product's tuning variables, for spawning test processes: a developer
 * who exported SIGN_LIMIT_PER_IP_BLOCK for a load test, or AUTH_URL for the staff app, must not
 * change what a test sees. (What testEnv sets wins anyway; these are the variables it leaves to
 * the product's defaults.)
 */
export function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && !PRODUCT_ENV_PREFIXES.some((p) => entry[0].startsWith(p)),
    ),
  );
}
