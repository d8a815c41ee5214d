import { createServer, type Server } from 'node:http';
import { checkDatabase } from '@undersigned/core';
import type { Db } from '@undersigned/db';
import { serveMetrics } from '@undersigned/metrics';
import type { Redis } from 'ioredis';

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

async function check(fn: () => Promise<unknown>): Promise<'up' | 'down'> {
  try {
    await within(fn(), 2_000);
    return 'up';
  } catch {
    return 'down';
  }
}

/** GET /healthz → 200 when Redis and Postgres answer, else 503; JSON either way. GET /metrics with the METRICS_TOKEN bearer (docs/metrics.md). */
export function startHealthServer(options: { port: number; db: Db; redis: Redis; isClosing: () => boolean; metricsToken?: string }): Promise<Server> {
  const server = createServer((req, res) => {
    if (serveMetrics(req, res, { METRICS_TOKEN: options.metricsToken })) return;
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    void (async () => {
      const [redis, postgres] = await Promise.all([check(() => options.redis.ping()), check(() => checkDatabase(options.db))]);
      const ok = redis === 'up' && postgres === 'up' && !options.isClosing();
      res
        .writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', redis, postgres, closing: options.isClosing() }));
    })();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '0.0.0.0', () => resolve(server));
  });
}
