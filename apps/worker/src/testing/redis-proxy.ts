// Test helper: a TCP proxy in front of the real Redis that a test can take down (every
// connection dropped, new ones refused) and bring back on the same port, like a Redis restart.
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface RedisProxy {
  port: number;
  stop(): Promise<void>;
}

export function startRedisProxy(port = 0, upstreamPort = 6379): Promise<RedisProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(upstreamPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  return new Promise((resolve) => {
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
