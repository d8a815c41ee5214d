// Cached campaign pages answered by server.ts from memory, without Next's renderer or per-request
// compression (issue 14). Campaign pages are ISR (`revalidate = 5`): Next already keeps their HTML,
// but every answer still went through its router and was gzipped again (0.8 ms for a 27 KB page).
// Here each page is kept as Next answered it — status, headers (CSP, cache-control, …) and the body
// compressed once per encoding — and refreshed from Next at most every `freshMs` while visited:
// one refresh at a time per page (single flight), visitors meanwhile get the copy in memory
// (STALE), so the count shown is at most about `freshMs` older than Next's own ISR copy.
//
// How a page is filled: a loopback HTTP request to this same server (createLoopbackFetcher) with
// `accept-encoding: identity` and a header carrying a random per-process token, which server.ts
// routes straight to Next (isFill). A real request through Next's full stack — routing, headers(),
// ISR cache and background revalidation — rather than calling `handle` with a hand-made response
// object, whose expectations are Next's internals. Nobody outside can send the token (it is never
// written anywhere), so outside requests never bypass the cache or the slug guard this way.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { compressBody, writeCompressed, type CompressedBody } from './compressed-body';
import { HSTS } from './security-headers';
import { webLogger } from './log';

export interface CapturedPage {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface CachedPage {
  status: number;
  headers: Readonly<Record<string, string | string[]>>;
  body: CompressedBody;
  storedAt: number;
  /** How long this copy counts as fresh. */
  freshMs: number;
}

export type CacheState = 'HIT' | 'STALE' | 'MISS';

export interface PageResponseCacheOptions {
  /** Asks Next for the page at `key` (a path). */
  fetchPage: (key: string) => Promise<CapturedPage>;
  /** Which answers may be kept; default: 200 only. */
  isCacheable?: (key: string, page: CapturedPage) => boolean;
  /** How long a copy is served without asking Next again. Default 1 s. */
  freshMs?: number;
  /** A copy older than this is not served while its refresh runs: the request waits for it. Default 60 s. */
  maxStaleMs?: number;
  /** At most this many pages are kept; the least recently used goes first. Default 500. */
  maxEntries?: number;
  compress?: (body: Buffer) => Promise<CompressedBody>;
  now?: () => number;
  log?: (message: string) => void;
}

export interface PageResponseCache {
  /** The page at `key` from memory (refreshing it as needed), or null: not cacheable — let Next answer. */
  lookup(key: string): Promise<{ page: CachedPage; state: CacheState } | null>;
  readonly size: number;
}

/** Response headers of Next's answer that describe one transfer, not the page: never replayed. */
const PER_TRANSFER = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'date',
  'content-length',
  'content-encoding',
  // Added per request by the writer, from the request's X-Forwarded-Proto.
  'strict-transport-security',
  // How Next produced the copy when it was filled, not how this answer was made: that is
  // x-undersigned-cache (HIT, STALE or MISS).
  'x-nextjs-cache',
]);

/** The headers to replay from a captured answer; null if it must not be shared (it sets a cookie). */
export function replayableHeaders(headers: http.IncomingHttpHeaders): Record<string, string | string[]> | null {
  if (headers['set-cookie'] !== undefined) return null;
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || PER_TRANSFER.has(name)) continue;
    out[name] = value;
  }
  return out;
}

// Runtime compression of a refreshed page, on the thread pool: quality 5 is most of brotli's gain
// for a fraction of quality 11's time (a 27 KB page: ~1 ms against ~40 ms).
const compressPage = (body: Buffer) => compressBody(body, { brotliQuality: 5, gzipLevel: 6 });

export function createPageResponseCache(options: PageResponseCacheOptions): PageResponseCache {
  const freshMs = options.freshMs ?? 1_000;
  const maxStaleMs = options.maxStaleMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 500;
  const isCacheable = options.isCacheable ?? ((_key: string, page: CapturedPage) => page.status === 200);
  const compress = options.compress ?? compressPage;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((m: string) => webLogger().warn(m));
  // Insertion order = recency: a lookup moves its key to the end; eviction takes the first.
  const entries = new Map<string, CachedPage>();
  const inFlight = new Map<string, Promise<CachedPage | null>>();

  function store(key: string, page: CachedPage): void {
    entries.delete(key);
    entries.set(key, page);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  function refresh(key: string): Promise<CachedPage | null> {
    let flight = inFlight.get(key);
    if (flight) return flight;
    flight = (async () => {
      try {
        const captured = await options.fetchPage(key);
        const headers = isCacheable(key, captured) ? replayableHeaders(captured.headers) : null;
        if (!headers) {
          // Not cacheable now (a campaign unpublished a moment ago answers 404): forget the old copy.
          entries.delete(key);
          return null;
        }
        // Next answered from an ISR copy it is regenerating: ask again soon for the new one.
        const stale = captured.headers['x-nextjs-cache'] === 'STALE';
        const page: CachedPage = {
          status: captured.status,
          headers,
          body: await compress(captured.body),
          storedAt: now(),
          freshMs: stale ? Math.min(freshMs, 250) : freshMs,
        };
        store(key, page);
        return page;
      } catch (error) {
        log(`[web] page cache: refreshing ${key} failed: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      } finally {
        inFlight.delete(key);
      }
    })();
    inFlight.set(key, flight);
    return flight;
  }

  return {
    get size() {
      return entries.size;
    },
    async lookup(key) {
      const entry = entries.get(key);
      if (entry) {
        const age = now() - entry.storedAt;
        if (age <= entry.freshMs) {
          store(key, entry);
          return { page: entry, state: 'HIT' };
        }
        if (age <= maxStaleMs) {
          store(key, entry);
          void refresh(key);
          return { page: entry, state: 'STALE' };
        }
      }
      const page = await refresh(key);
      return page ? { page, state: 'MISS' } : null;
    },
  };
}

/** Requests that select something other than the document (React Server Component payloads, prefetches). */
const RSC_REQUEST_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-url', 'next-action'];

/**
 * Whether a request may be answered with the cached document: GET/HEAD, no RSC request headers,
 * no `_rsc` query. Other query strings are fine: the campaign page reads none (the same HTML for
 * every visitor; `?source=`/`?ref=` are read by the form's script), as Next's ISR copy ignores them.
 */
export function isCacheablePageRequest(req: http.IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  for (const name of RSC_REQUEST_HEADERS) if (req.headers[name] !== undefined) return false;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return q < 0 || !new URLSearchParams(url.slice(q + 1)).has('_rsc');
}

export const CACHE_STATE_HEADER = 'x-undersigned-cache';
const STATE_HEADERS: Record<CacheState, Record<string, string>> = {
  HIT: { [CACHE_STATE_HEADER]: 'HIT' },
  STALE: { [CACHE_STATE_HEADER]: 'STALE' },
  MISS: { [CACHE_STATE_HEADER]: 'MISS' },
};

/** Answers `req` from the cache; false → not cacheable, let Next answer. */
export async function servePageFromCache(
  cache: PageResponseCache,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  key: string,
): Promise<boolean> {
  const found = await cache.lookup(key);
  if (!found) return false;
  const { page, state } = found;
  const tls = req.headers['x-forwarded-proto'] === 'https';
  writeCompressed(req, res, page.status, page.headers, page.body, tls ? { ...HSTS, [CACHE_STATE_HEADER]: state } : STATE_HEADERS[state]);
  return true;
}

/** Marks the cache's own loopback requests (checked, and removed, by isFill). */
export const FILL_HEADER = 'x-undersigned-page-fill';

export interface PageFill {
  /** True for the cache's own loopback requests (the header is removed): route them straight to Next. */
  isFill: (req: http.IncomingMessage) => boolean;
  /** Asks this server (listening at `address()`) for `path` as the cache's fill. */
  fetchPage: (path: string) => Promise<CapturedPage>;
}

export function createPageFill(address: () => { host: string; port: number }, timeoutMs = 15_000): PageFill {
  const token = randomBytes(32).toString('hex');
  const expected = Buffer.from(token);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  return {
    isFill(req) {
      const value = req.headers[FILL_HEADER];
      if (value === undefined) return false;
      delete req.headers[FILL_HEADER];
      const given = Buffer.from(Array.isArray(value) ? value.join(',') : value);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    fetchPage(path) {
      const { host, port } = address();
      return new Promise((resolve, reject) => {
        const request = http.get(
          { host, port, path, agent, timeout: timeoutMs, headers: { [FILL_HEADER]: token, 'accept-encoding': 'identity', accept: 'text/html' } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
            response.on('error', reject);
          },
        );
        request.on('timeout', () => request.destroy(new Error(`page fill of ${path} timed out`)));
        request.on('error', reject);
      });
    },
  };
}
