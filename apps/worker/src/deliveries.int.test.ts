import { createHash } from 'node:crypto';
import { UNCERTAIN_PREFIX } from '@undersigned/core/mail';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep, startTcpProxy, testRedisUrl } from '@undersigned/testing';
import { Redis } from 'ioredis';
import { useWorkerTestbed } from './testing/worker-testbed';

// A Redis database of its own, so that the "Redis flushed" case can FLUSHDB without touching
// other test files.
const REDIS_URL = new URL('/7', testRedisUrl()).toString();
const bed = useWorkerTestbed('deliveries', { REDIS_URL, WORKER_PLAN_EVERY_MS: '400', WORKER_RECONCILE_EVERY_MS: '1000', WORKER_LOCK_MS: '2000' });
let redis: Redis;

beforeAll(async () => {
  redis = new Redis(REDIS_URL);
  await redis.flushdb();
});
afterAll(async () => {
  await redis.flushdb();
  redis.disconnect();
});

async function campaignWith(targets: { email: string | null; postalCodes?: string[] }[], goal = 100000) {
  const c = await createCampaign(bed.t.db, {
    goal,
    title: 'Protect San José families',
    targets: targets.map((target, i) => ({ title: 'Council member', givenName: `T${i}`, familyName: 'Official', ...target })),
  });
  const pairs = await bed.t.db.campaignTarget.findMany({ where: { campaignId: c.id }, orderBy: { position: 'asc' } });
  return { campaign: c, targetIds: pairs.map((p) => p.targetId) };
}

const deliveriesOf = (campaignId: number) =>
  bed.t.db.delivery.findMany({ where: { campaignId }, orderBy: [{ targetId: 'asc' }, { fromSeq: 'asc' }] });

function messagesTo(address: string) {
  return bed.sink.messages.filter((m) => m.envelope.to.includes(address));
}

describe('delivery worker', () => {
  it('emails the official within seconds of a milestone, with counts, CSV and a verifiable manifest', async () => {
    const w = bed.start();
    await w.started;
    const { campaign } = await campaignWith([{ email: 'mayor@sanjose.example' }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100, comment: 'Sí se puede' });
    const [mail] = await bed.sink.waitFor(1, 15_000);
    expect(mail!.parsed.subject).toBe('100 people ask you: Protect San José families');
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'sent' ? ds : null;
    });
    expect(delivery).toMatchObject({ trigger: 'milestone', milestone: 100, signatureCount: 100, attempts: 1 });
    const csv = mail!.parsed.attachments[0]!.content;
    const sha = createHash('sha256')
      .update(csv.subarray(csv.indexOf(0x0a) + 1))
      .digest('hex');
    expect(delivery!.manifestSha256).toBe(sha);
    expect(mail!.parsed.text).toContain(sha);
    const line = await w.waitForLine((l) => l.job === 'deliveries.send' && l.outcome === 'sent');
    expect(line).toMatchObject({ deliveryId: delivery!.id, targetId: delivery!.targetId, count: 100 });
  });

  it('creates a failed delivery for a target without an email, and never retries or sends it', async () => {
    const w = bed.start();
    await w.started;
    const { campaign } = await campaignWith([{ email: null }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds.length ? ds : null;
    });
    expect(delivery).toMatchObject({ status: 'failed', attempts: 0 });
    expect(delivery!.lastError).toMatch(/no email address/);
    await sleep(1500);
    expect(await deliveriesOf(campaign.id)).toMatchObject([{ status: 'failed', attempts: 0 }]);
    expect(bed.sink.messages).toHaveLength(0);
  });

  it('retries 4xx answers with backoff and delivers exactly once when the server accepts', async () => {
    bed.sink.rejectNext(2, { code: 451, message: 'Greylisted, try again' });
    const w = bed.start();
    await w.started;
    const { campaign } = await campaignWith([{ email: 'greylisted@city.example' }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    await bed.sink.waitFor(1, 20_000);
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'sent' ? ds : null;
    });
    expect(bed.sink.rejected).toBe(2);
    expect(delivery!.attempts).toBe(3);
    expect(await w.waitForLine((l) => l.outcome === 'retrying')).toMatchObject({ deliveryId: delivery!.id });
    await sleep(1000);
    expect(messagesTo('greylisted@city.example')).toHaveLength(1);
  });

  it('marks a delivery failed with the server’s answer on a 5xx, without retrying', async () => {
    bed.sink.rejectNext(1, { code: 550, message: 'Mailbox unavailable' });
    const w = bed.start();
    await w.started;
    const { campaign } = await campaignWith([{ email: 'gone@city.example' }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    const [delivery] = await eventually(async () => {
      const ds = await deliveriesOf(campaign.id);
      return ds[0]?.status === 'failed' ? ds : null;
    });
    expect(delivery!.lastError).toContain('550');
    await sleep(1500);
    expect(bed.sink.rejected).toBe(1);
    expect(bed.sink.messages).toHaveLength(0);
    expect((await deliveriesOf(campaign.id))[0]).toMatchObject({ status: 'failed', attempts: 1 });
  });

  it('does not email twice when the worker is SIGKILLed between send and record', async () => {
    const first = bed.start();
    await first.started;
    const { campaign } = await campaignWith([{ email: 'killed@city.example' }]);
    bed.sink.decide = () => first.kill();
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    await bed.sink.waitFor(1, 15_000);
    bed.sink.decide = null;
    const [stuck] = await deliveriesOf(campaign.id);
    expect(stuck!.status).toBe('sending');

    const second = bed.start();
    await second.started;
    const [checked] = await eventually(
      async () => {
        const ds = await deliveriesOf(campaign.id);
        return ds[0]?.status === 'failed' ? ds : null;
      },
      { timeoutMs: 20_000 },
    );
    expect(checked!.lastError).toContain(UNCERTAIN_PREFIX);
    expect(checked!.lastError).toContain(`<delivery-${checked!.id}@undersigned.example>`);
    await second.waitForLine((l) => l.deliveryId === checked!.id && l.outcome === 'uncertain');
    await sleep(2000);
    expect(messagesTo('killed@city.example')).toHaveLength(1);
  });

  it('restores pending deliveries after Redis is flushed, and sends each once', async () => {
    bed.sink.rejectFor(60_000, { code: 421, message: 'Service not available, closing channel' });
    const w = bed.start();
    await w.started;
    const { campaign } = await campaignWith([{ email: 'a@city.example' }, { email: 'b@city.example' }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    await eventually(
      async () => {
        const ds = await deliveriesOf(campaign.id);
        return ds.length === 2 && ds.every((d) => d.status === 'pending' && d.attempts >= 1) ? ds : null;
      },
      { timeoutMs: 15_000 },
    );
    await redis.flushdb();
    expect(await redis.dbsize()).toBe(0);
    bed.sink.rejectFor(0, { code: 421 });
    const ds = await eventually(
      async () => {
        const rows = await deliveriesOf(campaign.id);
        return rows.every((d) => d.status === 'sent') ? rows : null;
      },
      { timeoutMs: 30_000 },
    );
    await sleep(1500);
    expect(messagesTo('a@city.example')).toHaveLength(1);
    expect(messagesTo('b@city.example')).toHaveLength(1);
    expect(ds.map((d) => d.signatureCount)).toEqual([100, 100]);
  });

  it('survives Redis going away and coming back empty (a restart without persistence): delayed, not lost or doubled', async () => {
    const proxy = await startTcpProxy(Number(new URL(REDIS_URL).port || 6379));
    const w = bed.start({ REDIS_URL: `redis://127.0.0.1:${proxy.port}/7` });
    await w.started;
    await sleep(1500);
    await proxy.cut();
    await redis.flushdb();
    const { campaign } = await campaignWith([{ email: 'restart@city.example' }]);
    await seedSignatures(bed.t.db, campaign.id, { count: 100 });
    await sleep(1500);
    expect(await deliveriesOf(campaign.id)).toEqual([]);
    expect(bed.sink.messages).toHaveLength(0);
    await proxy.restore();
    try {
      const [d] = await eventually(
        async () => {
          const rows = await deliveriesOf(campaign.id);
          return rows[0]?.status === 'sent' ? rows : null;
        },
        { timeoutMs: 30_000 },
      );
      await sleep(1500);
      expect(messagesTo('restart@city.example')).toHaveLength(1);
      expect(d!.signatureCount).toBe(100);
      const health = await fetch(`http://127.0.0.1:${(await w.started).port as number}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await w.kill();
      await proxy.close();
    }
  });

  it('keeps ranges disjoint and emails once per delivery with two workers racing on one campaign', async () => {
    const a = bed.start();
    const b = bed.start();
    await Promise.all([a.started, b.started]);
    const { campaign } = await campaignWith([{ email: 'x@city.example' }, { email: 'y@city.example' }], 1000);
    await seedSignatures(bed.t.db, campaign.id, { count: 110 });
    await eventually(async () => ((await deliveriesOf(campaign.id)).length === 2 ? true : null), { timeoutMs: 15_000 });
    for (let i = 0; i < 9; i++) {
      await seedSignatures(bed.t.db, campaign.id, { count: 110 });
      await sleep(100);
    }
    const ds = await eventually(
      async () => {
        const rows = await deliveriesOf(campaign.id);
        return rows.length >= 4 && rows.every((d) => d.status === 'sent') ? rows : null;
      },
      { timeoutMs: 30_000 },
    );
    await sleep(1500);
    for (const targetId of new Set(ds.map((d) => d.targetId))) {
      const mine = ds.filter((d) => d.targetId === targetId);
      expect(mine.map((d) => d.milestone)).toEqual([100, 1000]);
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.fromSeq).toBe(mine[i - 1]!.toSeq);
      expect(mine.reduce((sum, d) => sum + d.signatureCount, 0)).toBeLessThanOrEqual(1100);
    }
    const ids = bed.sink.messages.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(bed.sink.messages).toHaveLength(ds.length);
    const handledBy = new Set(
      [a, b].filter((w) => w.lines().some((l) => l.job === 'deliveries.send' && l.outcome === 'sent')).map((w) => w.child.pid),
    );
    expect(handledBy.size).toBeGreaterThanOrEqual(1);
  });
});
