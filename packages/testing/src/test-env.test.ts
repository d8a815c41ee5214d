import { dbEnvSchema } from '@undersigned/db/env';
import { emailEnvSchema } from '@undersigned/email';
import { inheritedEnv, TEST_ADMIN, TEST_SECRETS, testEnv } from './test-env';

const env = testEnv({ databaseUrl: 'postgresql://postgres@127.0.0.1:5432/some_test', label: 'unit/test env' });

describe('testEnv', () => {
  it('satisfies the database and email schemas the product validates at boot', () => {
    expect(dbEnvSchema.safeParse(env).success).toBe(true);
    expect(emailEnvSchema.safeParse(env).success).toBe(true);
  });

  it('tells every entry point to leave a developer’s .env unread', () => {
    expect(env.ENV_FILE).toBe('off');
  });

  it('sets every secret (32+ characters, all different) and the admin the seed creates', () => {
    for (const name of ['IP_HASH_SECRET', 'CONFIRM_TOKEN_SECRET', 'AUTH_SECRET'] as const) {
      expect(env[name]).toBe(TEST_SECRETS[name]);
      expect(env[name]!.length).toBeGreaterThanOrEqual(32);
    }
    expect(new Set(Object.values(TEST_SECRETS)).size).toBe(3);
    expect(env.ADMIN_EMAIL).toBe(TEST_ADMIN.email);
    expect(env.ADMIN_PASSWORD!.length).toBeGreaterThanOrEqual(8);
  });

  it('gives each call queue and rate-limit prefixes of its own, within the formats Redis keys allow', () => {
    const other = testEnv({ databaseUrl: 'postgresql://x@127.0.0.1/y', label: 'unit/test env' });
    expect(other.QUEUE_PREFIX).not.toBe(env.QUEUE_PREFIX);
    // packages/jobs QUEUE_PREFIX and apps/web RATE_LIMIT_PREFIX formats.
    expect(env.QUEUE_PREFIX).toMatch(/^[a-zA-Z0-9_-]{1,40}$/);
    expect(env.RATE_LIMIT_PREFIX).toMatch(/^[\w:.-]{1,64}$/);
    expect(env.REDIS_URL).toMatch(/^redis:\/\//);
  });

  it('lets overrides win', () => {
    const smtp = testEnv({ databaseUrl: 'postgresql://x@127.0.0.1/y', label: 'l', overrides: { SMTP_URL: 'smtp://127.0.0.1:2525' } });
    expect(smtp.SMTP_URL).toBe('smtp://127.0.0.1:2525');
  });
});

describe('inheritedEnv', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  });

  it('drops a developer’s exported tuning (SIGN_*, WORKER_*, AUTH_URL …) and keeps the rest', () => {
    process.env.SIGN_LIMIT_PER_IP_BLOCK = '1';
    process.env.WORKER_LOCK_MS = '5';
    process.env.AUTH_URL = 'http://localhost:3001';
    process.env.TEST_HARNESS_UNRELATED = 'kept';
    const inherited = inheritedEnv();
    expect(inherited.SIGN_LIMIT_PER_IP_BLOCK).toBeUndefined();
    expect(inherited.WORKER_LOCK_MS).toBeUndefined();
    expect(inherited.AUTH_URL).toBeUndefined();
    expect(inherited.TEST_HARNESS_UNRELATED).toBe('kept');
    expect(inherited.PATH).toBe(process.env.PATH);
  });
});
