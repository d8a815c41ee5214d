import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

// A TCP proxy in front of the real Redis that the test can take down and bring back on the same
// port: the producer must fail fast while Redis is unreachable and work again once it returns.
function startProxy(port = 0) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(6379, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise<{ port: number; stop(): Promise<void> }>((resolve) => {
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: (server.address() as AddressInfo).port,
        stop: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}

const prefix = `t-outage-${process.pid}`;

afterAll(async () => {
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

it('fails fast while Redis is down and enqueues again once it is back', async () => {
  let proxy = await startProxy();
  const port = proxy.port;
  process.env.REDIS_URL = `redis://127.0.0.1:${port}`;
  process.env.QUEUE_PREFIX = prefix;
  const { enqueueConfirmationEmail, closeQueues, getQueue } = await import('./enqueue');
  const { QUEUES } = await import('./names');

  await enqueueConfirmationEmail({ signatureId: '1' });
  await proxy.stop();
  const started = Date.now();
  await expect(enqueueConfirmationEmail({ signatureId: '2' })).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(3_000);

  proxy = await startProxy(port);
  await enqueueConfirmationEmail({ signatureId: '3' });
  const ids = (await getQueue(QUEUES.emails).getJobs(['waiting'])).map((j) => j.id).sort();
  expect(ids).toEqual(['confirm-1', 'confirm-3']);
  await closeQueues();
  await proxy.stop();
});
