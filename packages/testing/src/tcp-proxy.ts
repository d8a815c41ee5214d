import net from 'node:net';
import { freePort } from './free-port';

export interface TcpProxy {
  /** The proxy's own port on 127.0.0.1 (the same after cut() and restore()). */
  port: number;
  /** Drops every open connection and refuses new ones, like a server that went away. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port, like the server coming back. */
  restore(): Promise<void>;
  close(): Promise<void>;
  /** Client connections open right now. */
  connections(): number;
}

/**
 * A TCP proxy to targetHost:targetPort on a free port of its own, which a test can cut and
 * restore: PostgreSQL or Redis "going away" and coming back, without touching the machine's
 * shared server.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const port = await freePort();
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, targetHost);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
  await listen();
  return { port, cut: unlisten, restore: listen, close: unlisten, connections: () => sockets.size / 2 };
}
