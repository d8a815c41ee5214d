// Production server for the public app (`npm run start -w @undersigned/web`).
//
// Why a custom server (issue 6, bench/README.md): a request through Next's handler costs
// 0.5–1 ms of CPU, which caps a stock route handler near 1,000 signatures/s on two cores. The hot
// endpoint — POST /api/v1/petitions/{slug}/signatures, for OSDI JSON and the HTML form alike — is
// answered here by calling the very same route handler function (same validation, rate limits,
// dedupe, group commit and error shapes), without Next's routing layer in front of it. A first
// visit is answered here too (issue 14): /_next/static files from memory, precompressed at build
// time (src/server/static-assets.ts), and campaign pages from a response cache refreshed from Next
// every second while visited (src/server/page-response-cache.ts). Everything else goes to Next's
// request handler.
//
// This server is also the first hop that sees the socket: it appends the peer address to
// X-Forwarded-For, as a proxy would, so the client IP used for rate limits can never be chosen by
// the client (TRUSTED_PROXY_HOPS counts this hop: 1 when clients connect directly).
//
// Every request gets an id (the proxy's X-Request-Id when sane, else a new UUID): echoed on the
// response, set on the request Next sees, and logged as `reqId` — a signature's id is listed in
// the log line of the group-commit batch that wrote it (docs/logs.md).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { loadEnvFile } from '@undersigned/config/load-env-file';
import next from 'next';
import { parseEnvOrExit } from '@undersigned/config/env';
import { initLogger, requestIdFrom, routeConsoleTo } from '@undersigned/log';
import { clientIpFrom } from './src/server/client-ip';
import { listenEnvSchema, webEnvSchema } from './src/server/env';
import { CORS_HEADERS, MAX_SIGNATURE_BODY_BYTES } from './src/server/http';
import { listPublicSlugs, SLUG_PATTERN } from '@undersigned/core';
import { getDb, pgPoolOf } from '@undersigned/db';
import { instrumentHttp, processMetrics, serveMetrics, startMetricsListener } from '@undersigned/metrics';
import { createPageSlugGuard } from './src/server/page-slug-guard';
import { presentedApiKey } from './src/server/api-auth';
import { handleSignPost, warmSignPath } from './src/server/sign-endpoint';
import { closeSigner } from './src/server/signer';
import { closeRedis } from './src/server/redis';
import { closeQueues } from '@undersigned/jobs';
import { FAST_HEADERS, HSTS, overTls } from './src/server/security-headers';
import { loadStaticAssets, STATIC_PREFIX } from './src/server/static-assets';
import { createPageFill, createPageResponseCache, FILL_HEADER, isCacheablePageRequest, servePageFromCache } from './src/server/page-response-cache';

loadEnvFile();
const env = parseEnvOrExit(webEnvSchema.extend(listenEnvSchema.shape));
const { PORT: port, HOSTNAME: hostname } = env;
const log = initLogger({ service: 'web', level: env.LOG_LEVEL, format: env.LOG_FORMAT });
// Next's own messages ("✓ Ready", render errors) become log lines too: stdout stays one JSON object per line.
routeConsoleTo(log);
// Prometheus metrics (docs/metrics.md); null when METRICS_ENABLED=false (then nothing is recorded).
const metrics = processMetrics(env, 'web');

/** A campaign slug inside a path: core's SLUG_PATTERN without its anchors. */
const SLUG = SLUG_PATTERN.source.replace(/^\^|\$$/g, '');
const SIGN_PATH = new RegExp(`^/api/v1/petitions/(${SLUG})/signatures/?$`);
/** The live count every open campaign page and widget polls (public, max-age=5): cached like the pages. */
const COUNT_PATH = new RegExp(`^/api/v1/petitions/(${SLUG})/count$`);
// Campaign pages and their thanks pages (ISR), with the optional suffixes of Next's own page-data requests.
const CAMPAIGN_PAGE = /^\/(es\/)?petitions\/([^/.]+)(\/thanks)?(\.[^/]*(?:\/.*)?)?$/;
/** Where a page request for a slug with no campaign is sent: one cached 404 per locale. */
const UNKNOWN_SLUG = '__unknown__';
/** The route label of a request's metrics: a fixed small set, never the path itself (slugs would each make a series). */
function routeName(req: http.IncomingMessage): string {
  const pathname = (req.url ?? '/').split('?', 1)[0]!;
  if ((req.method === 'POST' || req.method === 'OPTIONS') && SIGN_PATH.test(pathname)) return 'sign';
  if (pathname.startsWith(STATIC_PREFIX)) return 'static';
  if (CAMPAIGN_PAGE.test(pathname)) return 'campaign_page';
  if (COUNT_PATH.test(pathname)) return 'count';
  if (pathname === '/healthz') return 'health';
  if (pathname.startsWith('/api/')) return 'api';
  if (pathname.startsWith('/_next/')) return 'next_internal';
  return 'page';
}

/** Where this server can reach itself (the page cache's fills). */
function loopbackAddress(server: http.Server): { host: string; port: number } {
  const { address, port } = server.address() as AddressInfo;
  return { host: address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address, port };
}

function appendForwardedFor(req: http.IncomingMessage): void {
  const peer = req.socket.remoteAddress ?? 'unknown';
  const prior = req.headers['x-forwarded-for'];
  req.headers['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${peer}` : peer;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_SIGNATURE_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_SIGNATURE_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

async function fastSign(req: http.IncomingMessage, res: http.ServerResponse, slug: string, reqId: string): Promise<void> {
  if (req.method === 'OPTIONS') {
    res.writeHead(204, { ...CORS_HEADERS, ...FAST_HEADERS, ...(overTls(req) ? HSTS : {}) });
    res.end();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > MAX_SIGNATURE_BODY_BYTES ? null : await readBody(req);
  if (body === null) {
    res.writeHead(413, { 'content-type': 'application/json', ...FAST_HEADERS, ...CORS_HEADERS, connection: 'close' });
    res.end(JSON.stringify({ error: 'payload_too_large', message: 'Request body too large.' }));
    return;
  }
  const query = req.url?.includes('?') ? new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1)) : null;
  const headers = { get: (name: string) => header(req, name.toLowerCase()) };
  const answer = await handleSignPost({
    slug,
    contentType: header(req, 'content-type') ?? '',
    body: body.toString('utf8'),
    ip: clientIpFrom(headers, env.TRUSTED_PROXY_HOPS),
    locale: query?.get('locale') ?? null,
    // A CRM's key (OSDI-API-Token / Authorization: Bearer); none → the blind keyless answer.
    apiKey: presentedApiKey(headers),
    reqId,
  });
  const payload = answer.body === null ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...FAST_HEADERS,
    ...(overTls(req) ? HSTS : {}),
    ...answer.headers,
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

async function main() {
  const app = next({ dev: false, dir: __dirname, hostname, port });
  await app.prepare();
  warmSignPath();
  const handle = app.getRequestHandler();
  const pageSlugs = createPageSlugGuard(() => listPublicSlugs(getDb()));
  // /_next/static from memory, precompressed (src/server/static-assets.ts).
  const statics = loadStaticAssets(path.join(__dirname, '.next', 'static'));
  log.info({ files: statics.files, mb: +(statics.bytes / 1e6).toFixed(1) }, 'static files in memory (with their br/gzip variants)');
  // Campaign pages (and the shared unknown-slug 404) and their live counts from memory, refreshed
  // from Next every second while visited (src/server/page-response-cache.ts); filled by loopback requests to this server.
  const pageFill = createPageFill(() => loopbackAddress(server));
  const pageCache = createPageResponseCache({
    fetchPage: pageFill.fetchPage,
    isCacheable: (key, page) => page.status === 200 || (page.status === 404 && key.includes(`/${UNKNOWN_SLUG}`)),
    // Stale copies only while they are young: under load a page is refreshed every second anyway;
    // a quiet page's next visitor (or a count polled every ~10 s) waits for a fresh copy instead of
    // getting one as old as the last visit.
    maxStaleMs: 5_000,
  });

  /** Unknown campaign slugs are answered by one shared 404 page, not one cached page each. */
  async function servePage(req: http.IncomingMessage, res: http.ServerResponse, page: RegExpExecArray): Promise<void> {
    const [, es = '', slug = '', thanks = '', suffix] = page;
    const known = await pageSlugs.isKnown(slug);
    // A made-up slug's thanks page is the shared unknown one too: no cached page per made-up URL.
    const path = `/${es}petitions/${known ? slug : UNKNOWN_SLUG}${thanks}`;
    if (!known) req.url = path;
    // The document (not Next's `.rsc`-style variants of a real campaign), answered from memory.
    const document = !known || suffix === undefined;
    if (document && isCacheablePageRequest(req) && (await servePageFromCache(pageCache, req, res, path))) return;
    await handle(req, res);
  }

  /** The count of a known campaign from the same cache (a made-up slug's 404 stays Next's). */
  async function serveCount(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, slug: string): Promise<void> {
    if (isCacheablePageRequest(req) && (await pageSlugs.isKnown(slug)) && (await servePageFromCache(pageCache, req, res, pathname))) return;
    await handle(req, res);
  }

  // Graceful shutdown (see shutdown below and apps/web/README.md): `draining` once SIGTERM came,
  // `stopped` once SHUTDOWN_DRAIN_MS is over and the signer takes nothing more.
  let draining = false;
  let stopped = false;
  /** Answers not yet sent: told to close their connection when the drain begins. */
  const unanswered = new Set<http.ServerResponse>();

  metrics?.observePool('prisma', pgPoolOf(getDb()));
  // Only looks at the header: isFill() consumes it, and the handler below must still see it.
  const routeOf = (req: http.IncomingMessage) => (req.headers[FILL_HEADER] !== undefined ? 'page_fill' : routeName(req));
  const handleRequest = instrumentHttp(metrics, routeOf, (req, res) => {
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
    if (draining) {
      // This connection ends with this answer: the client (or the proxy) opens its next one to a
      // process that is not going away.
      res.setHeader('connection', 'close');
      if (stopped || req.url === '/healthz') {
        res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', ...FAST_HEADERS });
        res.end(JSON.stringify({ error: 'unavailable', message: 'This server is restarting. Please retry.' }));
        return;
      }
    }
    appendForwardedFor(req);
    const reqId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = reqId;
    res.setHeader('x-request-id', reqId);
    if (pageFill.isFill(req)) {
      handle(req, res).catch((error: unknown) => {
        log.error({ reqId, err: error }, 'page fill failed');
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
      return;
    }
    const pathname = (req.url ?? '/').split('?', 1)[0]!;
    const match = (req.method === 'POST' || req.method === 'OPTIONS') && SIGN_PATH.exec(pathname);
    if (match) {
      fastSign(req, res, match[1]!, reqId).catch((error: unknown) => {
        log.error({ reqId, err: error }, 'sign fast path failed');
        if (!res.headersSent) res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5', ...FAST_HEADERS });
        res.end(JSON.stringify({ error: 'unavailable', message: 'Signing is unavailable right now. Please retry.' }));
      });
      return;
    }
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (read && pathname.startsWith(STATIC_PREFIX) && statics.serve(req, res, pathname)) return;
    const page = read && CAMPAIGN_PAGE.exec(pathname);
    const count = read && !page && COUNT_PATH.exec(pathname);
    (page ? servePage(req, res, page) : count ? serveCount(req, res, pathname, count[1]!) : handle(req, res)).catch((error: unknown) => {
      log.error({ reqId, method: req.method, path: pathname, err: error }, 'request failed');
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // /metrics first (bearer token; 404 without METRICS_TOKEN), then everything else.
  const server = http.createServer((req, res) => serveMetrics(req, res, env) || handleRequest(req, res));
  await startMetricsListener(env);
  // Every open connection, for the drain: Node's closeIdleConnections() leaves alone a connection
  // that never sent a request (one opened just as the drain began), which would hold it to the end.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // Keep connections from load balancers and phones alive longer than Next's 5 s default.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, hostname, () => {
    log.info({ host: hostname, port, publicUrl: env.PUBLIC_WEB_URL }, 'listening');
  });

  // Graceful shutdown: stop accepting connections and close the idle ones; requests still arriving
  // on open connections are answered (with `Connection: close`) and in-flight ones finish, their
  // group-commit batches committed before the signer is closed. Once every connection has ended —
  // or SHUTDOWN_DRAIN_MS has passed, after which whatever arrives gets 503 + Retry-After — the
  // pools and connections are closed and the process exits: 0 when every signature under way was
  // answered, 1 when one was still waiting on the database after the drain and a short grace.
  const shutdown = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const began = Date.now();
    log.info({ signal, drainMs: env.SHUTDOWN_DRAIN_MS }, 'draining');
    const allClosed = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
    // Requests under way end their connection with their answer; connections with no request under
    // way are closed now, and again while draining (a connection can turn idle between two sweeps).
    for (const res of unanswered) if (!res.headersSent) res.setHeader('connection', 'close');
    const closeIdle = () => {
      const busy = new Set([...unanswered].map((res) => res.socket));
      for (const socket of sockets) if (!busy.has(socket)) socket.destroy();
    };
    closeIdle();
    const idleSweep = setInterval(closeIdle, 100);
    void allClosed.then(() => clearInterval(idleSweep));
    const within = <T>(promise: Promise<T>, ms: number) =>
      Promise.race([promise.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms).unref())]);
    void (async () => {
      const drained = await within(allClosed, env.SHUTDOWN_DRAIN_MS);
      if (!drained) {
        stopped = true;
        const open = await new Promise<number>((resolve) => server.getConnections((_, count) => resolve(count)));
        log.warn({ drainMs: env.SHUTDOWN_DRAIN_MS, openConnections: open, unanswered: unanswered.size }, 'drain timeout: answering 503 from now on');
      }
      // Every signature under way is answered once its batch commits; new ones get 503 + Retry-After.
      const signerClosed = await within(closeSigner(), drained ? env.SHUTDOWN_DRAIN_MS : 5_000);
      stopped = true;
      clearInterval(idleSweep);
      server.closeAllConnections();
      await within(Promise.allSettled([closeQueues(), closeRedis(), getDb().$disconnect()]), 2_000);
      log.info({ ms: Date.now() - began, signaturesWaiting: !signerClosed }, 'stopped');
      process.exit(signerClosed ? 0 : 1);
    })();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'failed to start');
  process.exit(1);
});
