import net from 'node:net';
import { Redis } from 'ioredis';
import { createTestDatabase } from '@undersigned/db/testing';
import { startProcess } from './processes';
import { seedDatabase } from './product';
import { deleteTestKeys } from './redis-keys';
import { startTcpProxy } from './tcp-proxy';
import { inheritedEnv, TEST_ADMIN, testEnv, testRedisUrl } from './test-env';

const node = (script: string) => startProcess(process.execPath, ['-e', script], { cwd: __dirname, env: inheritedEnv() });

describe('startProcess', () => {
  it('keeps the JSON lines of stdout and finds one as it is logged', async () => {
    const p = node(
      `console.log('booting'); setTimeout(() => console.log(JSON.stringify({ msg: 'worker started', port: 7 })), 100); setTimeout(() => {}, 10000);`,
    );
    await expect(p.waitForLine((l) => l.msg === 'worker started', 5_000)).resolves.toEqual({ msg: 'worker started', port: 7 });
    expect(p.output()).toContain('booting');
    expect(p.lines()).toEqual([{ msg: 'worker started', port: 7 }]);
    await p.stop();
    expect(p.alive()).toBe(false);
  });

  it('stops waiting for a line as soon as the process exits, with its stderr', async () => {
    const p = node(`console.error('Invalid environment: SMTP_URL'); process.exit(1);`);
    const started = Date.now();
    await expect(p.waitForLine(() => true, 30_000)).rejects.toThrow(/exited \(1\) before logging the line:\nInvalid environment: SMTP_URL/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(p.stderr()).toBe('Invalid environment: SMTP_URL\n');
  });

  it('kills a process that ignores SIGTERM once the grace period is over', async () => {
    const p = node(`process.on('SIGTERM', () => {}); console.log('{"msg":"ready"}'); setInterval(() => {}, 1000);`);
    await p.waitForLine((l) => l.msg === 'ready');
    await p.stop(300);
    expect(await p.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });
});

describe('startTcpProxy', () => {
  const ping = (port: number) => {
    const redis = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
    return redis
      .connect()
      .then(() => redis.ping())
      .finally(() => redis.disconnect());
  };

  it('passes traffic through, refuses it while cut, and passes it again on the same port once restored', async () => {
    const proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port || 6379));
    await expect(ping(proxy.port)).resolves.toBe('PONG');
    await proxy.cut();
    await expect(ping(proxy.port)).rejects.toThrow();
    await expect(new Promise((resolve, reject) => net.connect(proxy.port, '127.0.0.1').on('connect', resolve).on('error', reject))).rejects.toThrow(
      /ECONNREFUSED/,
    );
    await proxy.restore();
    await expect(ping(proxy.port)).resolves.toBe('PONG');
    await proxy.close();
  });
});

describe('deleteTestKeys', () => {
  it('deletes the keys under the queue and rate-limit prefixes of an environment, and nothing else', async () => {
    const env = testEnv({ databaseUrl: 'postgresql://x@127.0.0.1/y', label: 'keys' });
    const redis = new Redis(testRedisUrl());
    const bystander = `${env.QUEUE_PREFIX}-bystander:k`;
    await redis.set(`${env.QUEUE_PREFIX}:emails:1`, 'x');
    await redis.set(`${env.RATE_LIMIT_PREFIX}:ip:ab`, 'x');
    await redis.set(bystander, 'x');
    await deleteTestKeys(env);
    expect(await redis.exists(`${env.QUEUE_PREFIX}:emails:1`, `${env.RATE_LIMIT_PREFIX}:ip:ab`)).toBe(0);
    expect(await redis.exists(bystander)).toBe(1);
    await redis.del(bystander);
    redis.disconnect();
  });
});

describe('seedDatabase', () => {
  it('seeds a fresh database from testEnv alone, no .env needed (the fresh-clone failure of issue 11)', async () => {
    const t = await createTestDatabase('testing_seed');
    try {
      seedDatabase(testEnv({ databaseUrl: t.url, label: 'seed' }));
      expect(await t.db.user.findUnique({ where: { email: TEST_ADMIN.email }, select: { role: true } })).toEqual({ role: 'admin' });
      expect(await t.db.campaign.count({ where: { slug: 'san-jose-stand-with-immigrants' } })).toBe(1);
    } finally {
      await t.drop();
    }
  }, 120_000);
});
