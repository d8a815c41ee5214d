import { deleteTestKeys, startTcpProxy, testRedisUrl, uniquePrefix } from '@undersigned/testing';

// A TCP proxy in front of the real Redis that the test cuts and restores on the same port: the
// producer must fail fast while Redis is unreachable and work again once it returns.
const prefix = uniquePrefix('jobs-outage');

afterAll(async () => {
  await deleteTestKeys({ QUEUE_PREFIX: prefix });
});

it('fails fast while Redis is down and enqueues again once it is back', async () => {
  const proxy = await startTcpProxy(Number(new URL(testRedisUrl()).port || 6379));
  Object.assign(process.env, { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, QUEUE_PREFIX: prefix });
  const { enqueueConfirmationEmail, closeQueues, getQueue } = await import('./enqueue');
  const { QUEUES } = await import('./names');

  await enqueueConfirmationEmail({ signatureId: '1' });
  await proxy.cut();
  const started = Date.now();
  await expect(enqueueConfirmationEmail({ signatureId: '2' })).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(3_000);

  await proxy.restore();
  await enqueueConfirmationEmail({ signatureId: '3' });
  const ids = (await getQueue(QUEUES.emails).getJobs(['waiting'])).map((j) => j.id).sort();
  expect(ids).toEqual(['confirm-1', 'confirm-3']);
  await closeQueues();
  await proxy.close();
});
