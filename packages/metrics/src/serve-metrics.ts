import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsEnv } from './env';
import { currentMetrics } from './process-metrics';

export const METRICS_PATH = '/metrics';

export type MetricsAccess = 'serve' | 'unauthorized' | 'not_found';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Who may read `/metrics` (docs/metrics.md): nobody when metrics are off; anyone on the private
 * listener (METRICS_PORT, bound to METRICS_HOST); on an app's public port only
 * `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise), and nobody (404) when no token is set.
 */
export function metricsAccess(options: {
  enabled: boolean;
  token: string | undefined;
  listener: 'public' | 'private';
  authorization: string | null | undefined;
}): MetricsAccess {
  if (!options.enabled) return 'not_found';
  if (options.listener === 'private') return 'serve';
  if (!options.token) return 'not_found';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(options.authorization ?? '');
  // Compared as digests: constant time whatever the presented length.
  return match && timingSafeEqual(digest(match[1]!), digest(options.token)) ? 'serve' : 'unauthorized';
}

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const NO_STORE = { 'cache-control': 'no-store' };

/** The answer to a request for `/metrics`: the text format, or 401/404/405 (framework-free; see serveMetrics, metricsResponse). */
export async function metricsAnswer(
  env: Pick<MetricsEnv, 'METRICS_TOKEN'>,
  request: { method: string; authorization: string | null | undefined },
  listener: 'public' | 'private' = 'public',
): Promise<MetricsAnswer> {
  const metrics = currentMetrics();
  const access = metricsAccess({ enabled: metrics !== null, token: env.METRICS_TOKEN, listener, authorization: request.authorization });
  const text = { 'content-type': 'text/plain; charset=utf-8', ...NO_STORE };
  if (access === 'not_found' || !metrics) return { status: 404, headers: text, body: 'Not found.\n' };
  if (access === 'unauthorized') return { status: 401, headers: { ...text, 'www-authenticate': 'Bearer realm="metrics"' }, body: 'Unauthorized.\n' };
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return { status: 405, headers: { ...text, allow: 'GET, HEAD' }, body: 'Method not allowed.\n' };
  return { status: 200, headers: { 'content-type': metrics.registry.contentType, ...NO_STORE }, body: await metrics.registry.metrics() };
}

/**
 * For node:http servers (the web's server.ts, the worker's health port): answers `/metrics` and
 * returns true, or returns false for any other path (the caller handles it).
 */
export function serveMetrics(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  env: Pick<MetricsEnv, 'METRICS_TOKEN'>,
  listener: 'public' | 'private' = 'public',
): boolean {
  const url = req.url ?? '/';
  if (url !== METRICS_PATH && !url.startsWith(`${METRICS_PATH}?`)) return false;
  metricsAnswer(env, { method: req.method ?? 'GET', authorization: req.headers.authorization }, listener)
    .then((answer) => {
      res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    })
    .catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Metrics unavailable.\n');
    });
  return true;
}

/** For route handlers (the staff app's `/metrics`): the same answer as a web Response. */
export async function metricsResponse(request: Request, env: Pick<MetricsEnv, 'METRICS_TOKEN'>): Promise<Response> {
  const answer = await metricsAnswer(env, { method: request.method, authorization: request.headers.get('authorization') });
  return new Response(request.method === 'HEAD' ? null : answer.body, { status: answer.status, headers: answer.headers });
}

/**
 * The private listener: `/metrics` without a token on METRICS_HOST:METRICS_PORT (default host
 * 127.0.0.1), when metrics are on and METRICS_PORT is set; else null. It never keeps the process
 * alive (unref'd), so shutdown code need not know about it.
 */
export async function startMetricsListener(env: MetricsEnv): Promise<http.Server | null> {
  if (env.METRICS_PORT === undefined || !currentMetrics()) return null;
  const server = http.createServer((req, res) => {
    if (!serveMetrics(req, res, env, 'private')) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`METRICS_PORT ${env.METRICS_PORT} on ${env.METRICS_HOST} is in use: give each process its own METRICS_PORT`)
          : error,
      ),
    );
    server.listen(env.METRICS_PORT, env.METRICS_HOST, () => resolve());
  });
  server.unref();
  return server;
}

/** The port a listener got (METRICS_PORT=0 picks a free one). */
export const listenerPort = (server: http.Server) => (server.address() as AddressInfo).port;
