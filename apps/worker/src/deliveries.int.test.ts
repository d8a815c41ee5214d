import { createHash } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { UNCERTAIN_PREFIX } from '@undersigned/core/mail';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { Redis } from 'ioredis';
import { startRedisProxy } from './testing/redis-proxy';
import { eventually, killWorker, spawnWorker, type SpawnedWorker } from './testing/spawn-worker';

// A Redis database of its own, so that the "Redis flushed" case can FLUSHDB without touching
// other test files.
const REDIS_URL = 'redis://127.0.0.1:6379/7';
const prefix = `t-deliveries-${process.pid}`;
let t: TestDatabase;
let sink: SmtpSink;
let redis: Redis;
const workers: SpawnedWorker[] = [];

function start(extra: Record<string, string> = {}): SpawnedWorker {
  const w = spawnWorker({
    DATABASE_URL: t.url,
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: sink.url,
    MAIL_FROM: 'Undersigned <deliveries@undersigned.example>',
    PUBLIC_WEB_URL: 'http://localhost:3000',
    CONFIRM_TOKEN_SECRET: 'deliveries-test-confirm-secret-0123456789',
    WORKER_PORT: '0',
    WORKER_PLAN_EVERY_MS: '400',
    WORKER_RECONCILE_EVERY_MS: '1000',
    WORKER_LOCK_MS: '2000',
    ...extra,
  });
  workers.push(w);
  return w;
}

const started = (w: SpawnedWorker) => w.waitForLog((l) => l.msg === 'worker started');

beforeAll(async () => {
  t = await createTestDatabase('worker_deliveries');
  sink = await startSmtpSink();
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
});
afterEach(async () => {
  for (const w of workers.splice(0)) await killWorker(w);
  sink.beforeAccept = null;
  sink.clear();
});
afterAll(async () => {
  await sink.close();
  await redis.flushdb();
  redis.disconnect();
  await t.drop();
});

async function campaignWith(targets: { email: string | null; postalCodes?: string[] }[], goal = 100000) {
  const c = await createCampaign(t.db, {
    goal,
    title: 'Protect San José families',
    targets: targets.map((target, i) => ({ title: 'Council member', givenName: `T${i}`, familyName: 'Official', ...target })),
  });
  const pairs = await t.db.campaignTarget.findMany({ where: { campaignId: c.id }, orderBy: { position: 'asc' } });
  return { campaign: c, targetIds: pairs.map((p) => p.targetId) };
}

const deliveriesOf = (campaignId: number) =>
  t.db.delivery.findMany({ where: { campaignId }, orderBy: [{ targetId: 'asc' }, { fromSeq: 'asc' }] });

function messagesTo(address: string) {
  return sink.messages.filter((m) => m.envelope.to.includes(address));
}

describe('delivery worker', () => {
  it('emails the official within seconds of a milestone, with counts, CSV and a verifiable manifest', async () => {
    const w = start();
    await started(w);
    const { campaign } = await campaignWith([{ email: 'mayor@sanjose.example' }]);
    await seedSignatures(t.db, campaign.id, { count: 100, comment: 'Sí se puede' });
    const [mail] = await sink.waitFor(1, 15_000);
    expect(mail!.parsed.subject).toBe('100 people ask you: Protect San José families');
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'sent' ? ds : null;
    });
    expect(delivery).toMatchObject({ trigger: 'milestone', milestone: 100, signatureCount: 100, attempts: 1 });
    const csv = mail!.parsed.attachments[0]!.content;
    const sha = createHash('sha256').update(csv.subarray(csv.indexOf(0x0a) + 1)).digest('hex');
    expect(delivery!.manifestSha256).toBe(sha);
    expect(mail!.parsed.text).toContain(sha);
    const line = await w.waitForLog((l) => l.job === 'deliveries.send' && l.outcome === 'sent');
    expect(line).toMatchObject({ deliveryId: delivery!.id, targetId: delivery!.targetId, count: 100 });
  });

  it('creates a failed delivery for a target without an email, and never retries or sends it', async () => {
    const w = start();
    await started(w);
    const { campaign } = await campaignWith([{ email: null }]);
    await seedSignatures(t.db, campaign.id, { count: 100 });
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds.length ? ds : null;
    });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 0 });
    expect(delivery!.lastError).toMatch(/no email address/);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await deliveriesOf(campaign.id)).toMatchObject([{ status: 'failed', attempts: 0 }]);
    expect(sink.messages).toHaveLength(0);
  });

  it('retries 4xx answers with backoff and delivers exactly once when the server accepts', async () => {
    sink.rejectNext(2, { code: 451, message: 'Greylisted, try again' });
    const w = start();
    await started(w);
    const { campaign } = await campaignWith([{ email: 'greylisted@city.example' }]);
    await seedSignatures(t.db, campaign.id, { count: 100 });
    await sink.waitFor(1, 20_000);
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'sent' ? ds : null;
    });
    expect(sink.rejected).toBe(2);
    expect(delivery!.attempts).toBe(3);
    expect(await w.waitForLog((l) => l.outcome === 'retrying')).toMatchObject({ deliveryId: delivery!.id });
    await new Promise((r) => setTimeout(r, 1000));
    expect(messagesTo('greylisted@city.example')).toHaveLength(1);
  });

  it('marks a delivery failed with the server’s answer on a 5xx, without retrying', async () => {
    sink.rejectNext(1, { code: 550, message: 'Mailbox unavailable' });
    const w = start();
    await started(w);
    const { campaign } = await campaignWith([{ email: 'gone@city.example' }]);
    await seedSignatures(t.db, campaign.id, { count: 100 });
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'failed' ? ds : null;
    });
    expect(delivery!.lastError).toContain('550');
    await new Promise((r) => setTimeout(r, 1500));
    expect(sink.rejected).toBe(1);
    expect(sink.messages).toHaveLength(0);
    expect((await deliveriesOf(campaign.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('does not email twice when the worker is SIGKILLed between send and record', async () => {
    const first = start();
    await started(first);
    const { campaign } = await campaignWith([{ email: 'killed@city.example' }]);
    sink.beforeAccept = async () => {
      first.child.kill('SIGKILL');
      await first.exited;
    };
    await seedSignatures(t.db, campaign.id, { count: 100 });
    await sink.waitFor(1, 15_000);
    sink.beforeAccept = null;
    const [stuck] = await deliveriesOf(campaign.id);
    expect(stuck!.status).toBe('sending');

    const second = start();
    await started(second);
    const [checked] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'failed' ? ds : null;
    }, 20_000);
    expect(checked!.lastError).toContain(UNCERTAIN_PREFIX);
    expect(checked!.lastError).toContain(`<delivery-${checked!.id}@undersigned.example>`);
    await second.waitForLog((l) => l.deliveryId === checked!.id && l.outcome === 'uncertain');
    await new Promise((r) => setTimeout(r, 2000));
    expect(messagesTo('killed@city.example')).toHaveLength(1);
  });

  it('restores pending deliveries after Redis is flushed, and sends each once', async () => {
    sink.rejectFor(60_000, { code: 421, message: 'Service not available, closing channel' });
    const w = start();
    await started(w);
    const { campaign } = await campaignWith([{ email: 'a@city.example' }, { email: 'b@city.example' }]);
    await seedSignatures(t.db, campaign.id, { count: 100 });
    await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds.length === 2 && ds.every((d) => d.status === 'pending' && d.attempts >= 1) ? ds : null;
    }, 15_000);
    await redis.flushdb();
    expect(await redis.dbsize()).toBe(0);
    sink.rejectFor(0, { code: 421 });
    const ds = await eventually(async () => {
      const rows = await deliveriesOf(campaign.id);
      return rows.every((d) => d.status === 'sent') ? rows : null;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(messagesTo('a@city.example')).toHaveLength(1);
    expect(messagesTo('b@city.example')).toHaveLength(1);
    expect(ds.map((d) => d.signatureCount)).toEqual([100, 100]);
  });

  it('survives Redis going away and coming back empty (a restart without persistence): delayed, not lost or doubled', async () => {
    let proxy = await startRedisProxy();
    const port = proxy.port;
    const w = start({ REDIS_URL: `redis://127.0.0.1:${port}/7` });
    await started(w);
    await new Promise((r) => setTimeout(r, 1500));
    await proxy.stop();
    await redis.flushdb();
    const { campaign } = await campaignWith([{ email: 'restart@city.example' }]);
    await seedSignatures(t.db, campaign.id, { count: 100 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await deliveriesOf(campaign.id)).toEqual([]);
    expect(sink.messages).toHaveLength(0);
    proxy = await startRedisProxy(port);
    try {
      const [d] = await eventually(async () => {
        const rows = await deliveriesOf(campaign.id);
        return rows[0]?.status === 'sent' ? rows : null;
      }, 30_000);
      await new Promise((r) => setTimeout(r, 1500));
      expect(messagesTo('restart@city.example')).toHaveLength(1);
      expect(d!.signatureCount).toBe(100);
      const health = await fetch(`http://127.0.0.1:${(await started(w)).port as number}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await killWorker(w);
      await proxy.stop();
    }
  });

  it('keeps ranges disjoint and emails once per delivery with two workers racing on one campaign', async () => {
    const a = start();
    const b = start();
    await Promise.all([started(a), started(b)]);
    const { campaign } = await campaignWith([{ email: 'x@city.example' }, { email: 'y@city.example' }], 1000);
    await seedSignatures(t.db, campaign.id, { count: 110 });
    await eventually(async () => ((await deliveriesOf(campaign.id)).length === 2 ? true : null), 15_000);
    for (let i = 0; i < 9; i++) {
      await seedSignatures(t.db, campaign.id, { count: 110 });
      await new Promise((r) => setTimeout(r, 100));
    }
    const ds = await eventually(async () => {
      const rows = await deliveriesOf(campaign.id);
      return rows.length >= 4 && rows.every((d) => d.status === 'sent') ? rows : null;
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    for (const targetId of new Set(ds.map((d) => d.targetId))) {
      const mine = ds.filter((d) => d.targetId === targetId);
      expect(mine.map((d) => d.milestone)).toEqual([100, 1000]);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.fromSeq).toBe(mine[i - 1]!.toSeq);
      expect(mine.reduce((sum, d) => sum + d.signatureCount, 0)).toBeLessThanOrEqual(1100);
    }
    const ids = sink.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(sink.messages).toHaveLength(ds.length);
    const handledBy = new Set(
      [a, b].filter((w) => w.lines.some((l) => l.job === 'deliveries.send' && l.outcome === 'sent')).map((w) => w.child.pid),
    );
    expect(handledBy.size).toBeGreaterThanOrEqual(1);
  });
});
