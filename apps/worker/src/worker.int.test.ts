import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { signPetition } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { Redis } from 'ioredis';
import { eventually, killWorker, spawnWorker, type SpawnedWorker } from './testing/spawn-worker';

const prefix = `t-worker-${process.pid}`;
const secret = 'worker-test-confirm-secret-0123456789';
let t: TestDatabase;
let sink: SmtpSink;
let worker: SpawnedWorker | undefined;

function env(extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: t.url,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Undersigned <hello@undersigned.example>',
    PUBLIC_WEB_URL: 'http://localhost:3000',
    CONFIRM_TOKEN_SECRET: secret,
    WORKER_PORT: '0',
    WORKER_PLAN_EVERY_MS: '500',
    ...extra,
  };
}

beforeAll(async () => {
  t = await createTestDatabase('worker');
  sink = await startSmtpSink();
});
afterEach(async () => {
  await killWorker(worker);
  worker = undefined;
});
afterAll(async () => {
  await sink.close();
  await t.drop();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

async function started(w: SpawnedWorker): Promise<number> {
  const line = await w.waitForLog((l) => l.msg === 'worker started');
  return line.port as number;
}

describe('worker process', () => {
  it('answers /healthz 200 with Redis and Postgres up, and exits 0 on SIGTERM', async () => {
    worker = spawnWorker(env());
    const port = await started(worker);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', redis: 'up', postgres: 'up', closing: false });
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.lines.some((l) => l.msg === 'stopped')).toBe(true);
  });

  it('answers /healthz 503 naming what is down when Redis is unreachable', async () => {
    worker = spawnWorker(env({ REDIS_URL: 'redis://127.0.0.1:1' }));
    const port = await started(worker);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'unavailable', redis: 'down', postgres: 'up' });
  });

  it('exits 1 at boot with one message naming a bad variable', async () => {
    worker = spawnWorker(env({ SMTP_URL: 'not-a-url' }));
    const exit = await worker.exited;
    expect(exit.code).toBe(1);
    expect(worker.stderr.trim().split('\n')).toHaveLength(1);
    expect(worker.stderr).toContain('SMTP_URL');
  });

  it('sends a pending signature its confirmation email over SMTP', async () => {
    worker = spawnWorker(env());
    await started(worker);
    const c = await createCampaign(t.db, { requireConfirmation: true, title: 'Fix the bus line' });
    const r = await signPetition(t.db, c.slug, signer({ email: 'rider@example.org' }), { confirmSecret: secret });
    const { enqueueConfirmationEmail, closeQueues } = await import('@undersigned/jobs');
    process.env.REDIS_URL = 'redis://127.0.0.1:6379';
    process.env.QUEUE_PREFIX = prefix;
    await enqueueConfirmationEmail({ signatureId: r.signatureId.toString() });
    await closeQueues();
    const [mail] = await sink.waitFor(1, 15_000);
    expect(mail!.envelope.to).toEqual(['rider@example.org']);
    expect(mail!.parsed.subject).toBe('Please confirm your signature: Fix the bus line');
    expect(String(mail!.parsed.html)).toContain(`http://localhost:3000/petitions/${c.slug}/confirm?token=`);
    await eventually(async () => (await t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } })).confirmationSentAt);
    const line = await worker.waitForLog((l) => l.job === 'emails.send-confirmation-email');
    expect(line).toMatchObject({ outcome: 'sent', signatureId: r.signatureId.toString(), jobId: `confirm-${r.signatureId}` });
    expect(typeof line.durationMs).toBe('number');
  });

  it('lets the job in progress finish on SIGTERM before exiting', async () => {
    worker = spawnWorker(env());
    await started(worker);
    sink.clear();
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const r = await signPetition(t.db, c.slug, signer(), { confirmSecret: secret });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const w = worker;
    sink.beforeAccept = async () => {
      w.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
    };
    const { enqueueConfirmationEmail, closeQueues } = await import('@undersigned/jobs');
    await enqueueConfirmationEmail({ signatureId: r.signatureId.toString() });
    await closeQueues();
    await held;
    expect(await w.exited).toEqual({ code: 0, signal: null });
    sink.beforeAccept = null;
    expect(sink.messages).toHaveLength(1);
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } });
    expect(row.confirmationSentAt).not.toBeNull();
  });
});
