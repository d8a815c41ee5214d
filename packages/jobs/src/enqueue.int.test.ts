import { deleteTestKeys, testRedisUrl, uniquePrefix } from '@undersigned/testing';
import {
  closeQueues,
  enqueueConfirmationEmail,
  enqueueDelivery,
  enqueueUpdatePlan,
  enqueueUpdateSend,
  ensureDeliveryQueued,
  getQueue,
  liveUpdateJobs,
} from './enqueue';
import { QUEUES } from './names';

// Settings from the harness, never from a developer's environment; a queue prefix of this run's own.
const env = { REDIS_URL: testRedisUrl(), QUEUE_PREFIX: uniquePrefix('jobs') };
Object.assign(process.env, env);

afterAll(async () => {
  await closeQueues();
  await deleteTestKeys(env);
});

describe('enqueue', () => {
  it('adds one confirmation job per signature id, however often it is enqueued', async () => {
    await enqueueConfirmationEmail({ signatureId: '42' });
    await enqueueConfirmationEmail({ signatureId: '42' });
    await enqueueConfirmationEmail({ signatureId: '43' });
    const jobs = await getQueue(QUEUES.emails).getJobs(['waiting']);
    expect(jobs.map((j) => j.id).sort()).toEqual(['confirm-42', 'confirm-43']);
    expect(jobs[0]!.data).toEqual({ signatureId: expect.stringMatching(/^4[23]$/) });
  });

  it('uses the delivery id as the job id', async () => {
    const id = '7b0d9a1c-3f4e-4b5a-9c8d-1e2f3a4b5c6d';
    await enqueueDelivery({ deliveryId: id });
    await enqueueDelivery({ deliveryId: id });
    const jobs = await getQueue(QUEUES.deliveries).getJobs(['waiting']);
    expect(jobs.map((j) => j.id)).toEqual([id]);
    expect(jobs[0]!.opts.attempts).toBe(10);
  });

  it('never deduplicates a later re-enqueue of an update run, and lists the live ones per update', async () => {
    const updateId = '22222222-3333-4444-8555-666666666666';
    await enqueueUpdatePlan({ updateId });
    await enqueueUpdatePlan({ updateId });
    await enqueueUpdateSend({ updateId });
    await enqueueUpdateSend({ updateId }, { delayMs: 60_000 });
    const jobs = await getQueue(QUEUES.updates).getJobs(['waiting', 'delayed']);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(4);
    expect(jobs.every((j) => j.id!.startsWith('update-') && !j.id!.includes(':'))).toBe(true);
    const live = await liveUpdateJobs();
    expect(live.plan.get(updateId)).toBe(2);
    expect(live.send.get(updateId)).toBe(2);
    await expect(enqueueUpdateSend({ updateId: 'nope' })).rejects.toThrow();
  });

  it('rejects payloads that break the contract before touching Redis', async () => {
    await expect(enqueueConfirmationEmail({ signatureId: 'abc' })).rejects.toThrow();
    await expect(enqueueDelivery({ deliveryId: 'not-a-uuid' })).rejects.toThrow();
  });

  it('re-adds a delivery job that was lost, and leaves a waiting one alone', async () => {
    const id = '11111111-2222-4333-8444-555555555555';
    expect(await ensureDeliveryQueued({ deliveryId: id })).toBe('queued');
    expect(await ensureDeliveryQueued({ deliveryId: id })).toBe('present');
    await (await getQueue(QUEUES.deliveries).getJob(id))!.remove();
    expect(await ensureDeliveryQueued({ deliveryId: id })).toBe('queued');
  });
});

describe('enqueue when Redis is unreachable', () => {
  it('fails fast instead of waiting for Redis', async () => {
    await closeQueues();
    process.env.REDIS_URL = 'redis://127.0.0.1:1';
    jest.resetModules();
    const fresh = await import('./enqueue');
    const started = Date.now();
    await expect(fresh.enqueueConfirmationEmail({ signatureId: '99' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3_000);
    await fresh.closeQueues();
  });
});
