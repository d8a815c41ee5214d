import http from 'node:http';
import { compressedBody } from './compressed-body';
import {
  createPageResponseCache,
  isCacheablePageRequest,
  replayableHeaders,
  type CapturedPage,
  type PageResponseCacheOptions,
} from './page-response-cache';

interface Deferred {
  key: string;
  resolve(page: CapturedPage): void;
  reject(error: Error): void;
}

/** A cache whose fills are answered by hand, on a clock moved by hand. */
function setup(options: Partial<PageResponseCacheOptions> = {}) {
  let clock = 0;
  const fills: Deferred[] = [];
  const logs: string[] = [];
  const cache = createPageResponseCache({
    fetchPage: (key) => new Promise<CapturedPage>((resolve, reject) => fills.push({ key, resolve, reject })),
    compress: (body) => Promise.resolve(compressedBody(body)),
    now: () => clock,
    log: (m) => logs.push(m),
    freshMs: 1_000,
    maxStaleMs: 60_000,
    ...options,
  });
  const page = (html: string, status = 200, headers: http.IncomingHttpHeaders = {}): CapturedPage => ({
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'self'", ...headers },
    body: Buffer.from(html),
  });
  const flush = () => new Promise((r) => setImmediate(r));
  return {
    cache,
    fills,
    logs,
    page,
    flush,
    advance: (ms: number) => {
      clock += ms;
    },
    /** Answers the oldest pending fill. */
    async answer(captured: CapturedPage) {
      fills.shift()!.resolve(captured);
      await flush();
    },
  };
}

const html = (found: { page: { body: { identity: Buffer } } } | null) => found?.page.body.identity.toString();

describe('page response cache', () => {
  it('fills a page once and then answers from memory while it is fresh (HIT), without asking Next', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('v1'));
    expect(await first).toMatchObject({ state: 'MISS' });
    s.advance(999);
    const again = await s.cache.lookup('/petitions/a');
    expect(again?.state).toBe('HIT');
    expect(html(again)).toBe('v1');
    expect(again?.page.headers['content-security-policy']).toBe("default-src 'self'");
    expect(s.fills).toHaveLength(0);
  });

  it('single flight: concurrent misses of one page share one fill', async () => {
    const s = setup();
    const lookups = Array.from({ length: 50 }, () => s.cache.lookup('/petitions/a'));
    await s.flush();
    expect(s.fills).toHaveLength(1);
    await s.answer(s.page('v1'));
    for (const found of await Promise.all(lookups)) expect(html(found)).toBe('v1');
  });

  it('after the fresh window serves the old copy (STALE) while exactly one refresh runs, then the new one', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('count 1'));
    await first;
    s.advance(1_500);
    const stale = await Promise.all(Array.from({ length: 20 }, () => s.cache.lookup('/petitions/a')));
    for (const found of stale) {
      expect(found?.state).toBe('STALE');
      expect(html(found)).toBe('count 1');
    }
    expect(s.fills).toHaveLength(1);
    await s.answer(s.page('count 2'));
    const fresh = await s.cache.lookup('/petitions/a');
    expect(fresh?.state).toBe('HIT');
    expect(html(fresh)).toBe('count 2');
  });

  it('asks again sooner when Next answered from an ISR copy it is regenerating (x-nextjs-cache: STALE)', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('old', 200, { 'x-nextjs-cache': 'STALE' }));
    await first;
    s.advance(300);
    expect((await s.cache.lookup('/petitions/a'))?.state).toBe('STALE');
    expect(s.fills).toHaveLength(1);
  });

  it('does not serve a copy older than maxStaleMs: the request waits for the refresh', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('ancient'));
    await first;
    s.advance(61_000);
    const waiting = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('new'));
    const found = await waiting;
    expect(found?.state).toBe('MISS');
    expect(html(found)).toBe('new');
  });

  it('keeps only what may be shared: not a 404 or 500 of a page (and forgets its old copy), nor an answer that sets a cookie', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('published'));
    await first;
    s.advance(1_500);
    expect((await s.cache.lookup('/petitions/a'))?.state).toBe('STALE');
    await s.answer(s.page('not found', 404)); // unpublished meanwhile
    const gone = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('not found', 404));
    expect(await gone).toBeNull();

    const cookie = s.cache.lookup('/petitions/b');
    await s.flush();
    await s.answer(s.page('hello', 200, { 'set-cookie': ['a=b'] }));
    expect(await cookie).toBeNull();
    expect(s.cache.size).toBe(0);
  });

  it('keeps serving the stale copy when a refresh fails, and logs it', async () => {
    const s = setup();
    const first = s.cache.lookup('/petitions/a');
    await s.flush();
    await s.answer(s.page('v1'));
    await first;
    s.advance(1_500);
    await s.cache.lookup('/petitions/a');
    s.fills.shift()!.reject(new Error('ECONNRESET'));
    await s.flush();
    const found = await s.cache.lookup('/petitions/a');
    expect(html(found)).toBe('v1');
    expect(s.logs.join('\n')).toMatch(/ECONNRESET/);
  });

  it('is bounded: past maxEntries the least recently used page goes', async () => {
    const s = setup({ maxEntries: 3 });
    const fill = async (key: string) => {
      const found = s.cache.lookup(key);
      await s.flush();
      await s.answer(s.page(key));
      return found;
    };
    for (const key of ['/a', '/b', '/c']) await fill(key);
    expect((await s.cache.lookup('/a'))?.state).toBe('HIT'); // /a used: /b is now the oldest
    await fill('/d');
    expect(s.cache.size).toBe(3);
    expect((await s.cache.lookup('/a'))?.state).toBe('HIT');
    expect((await s.cache.lookup('/c'))?.state).toBe('HIT');
    const b = s.cache.lookup('/b');
    await s.flush();
    expect(s.fills.map((f) => f.key)).toEqual(['/b']); // evicted: asked again
    await s.answer(s.page('/b'));
    expect((await b)?.state).toBe('MISS');
  });
});

describe('replayableHeaders', () => {
  it('drops what belongs to one transfer (length, encoding, date, HSTS, Next’s own cache state) and keeps the page’s headers', () => {
    expect(
      replayableHeaders({
        'content-type': 'text/html',
        'content-length': '10',
        'transfer-encoding': 'chunked',
        'content-encoding': 'gzip',
        date: 'x',
        connection: 'keep-alive',
        'strict-transport-security': 'max-age=1',
        'x-nextjs-cache': 'HIT',
        'cache-control': 's-maxage=5',
        'x-frame-options': 'DENY',
      }),
    ).toEqual({ 'content-type': 'text/html', 'cache-control': 's-maxage=5', 'x-frame-options': 'DENY' });
  });
});

describe('isCacheablePageRequest', () => {
  const req = (method: string, url: string, headers: http.IncomingHttpHeaders = {}) => ({ method, url, headers }) as http.IncomingMessage;

  it('takes document GETs and HEADs, with or without attribution in the query', () => {
    expect(isCacheablePageRequest(req('GET', '/petitions/a'))).toBe(true);
    expect(isCacheablePageRequest(req('HEAD', '/petitions/a'))).toBe(true);
    expect(isCacheablePageRequest(req('GET', '/petitions/a?source=share&ref=abc'))).toBe(true);
  });

  it('leaves RSC payloads, prefetches and other methods to Next', () => {
    expect(isCacheablePageRequest(req('POST', '/petitions/a'))).toBe(false);
    expect(isCacheablePageRequest(req('GET', '/petitions/a?_rsc=1x2y'))).toBe(false);
    for (const header of ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch', 'next-url', 'next-action']) {
      expect(isCacheablePageRequest(req('GET', '/petitions/a', { [header]: '1' }))).toBe(false);
    }
  });
});
