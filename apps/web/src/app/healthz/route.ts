import { checkDatabase } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { getRedis } from '@/server/redis';

export const dynamic = 'force-dynamic';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

/** PING, first waiting for the connection when it is still being made (right after boot). */
async function redisPing(): Promise<string> {
  const redis = getRedis();
  if (redis.status === 'connecting' || redis.status === 'connect' || redis.status === 'wait') {
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  }
  return redis.ping();
}

/**
 * Database and Redis reachability. 503 only when Postgres is down: without Redis the app still
 * takes signatures (rate limits fail open), so that is reported as degraded.
 */
export async function GET(): Promise<Response> {
  const [db, redis] = await Promise.all([
    withTimeout(checkDatabase(getDb()), 2_000).then(
      () => 'ok' as const,
      () => 'down' as const,
    ),
    withTimeout(redisPing(), 1_000).then(
      () => 'ok' as const,
      () => 'down' as const,
    ),
  ]);
  const status = db === 'ok' ? (redis === 'ok' ? 'ok' : 'degraded') : 'down';
  return Response.json({ status, db, redis }, { status: db === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
