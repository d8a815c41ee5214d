import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { BrowserContext, CDPSession } from 'playwright-core';

/**
 * What a visit of a page costs on the wire, as Chromium sees it: the recorder shared by
 * bench/first-visit.ts (which replays the list with wrk) and e2e/web-page-weight.spec.ts (which
 * fails on a page-weight regression). One copy, so the bench and the test count the same bytes.
 */

/** KB as DevTools counts them (1,000 bytes). */
export const KB = 1000;

/** A mid-range Android phone: the visitor a shared link brings. */
export const PHONE_DEVICE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
};

/** One request of a recorded visit. */
export interface Recorded {
  id: string;
  url: string;
  method: string;
  type: string;
  /** The headers the page set (from requestWillBeSent), lower-case. */
  headers: Record<string, string>;
  /** The headers Chromium actually sent (requestWillBeSentExtraInfo: Accept-Encoding, Cookie…). */
  sentHeaders?: Record<string, string>;
  status?: number;
  responseHeaders: Record<string, string>;
  /** Bytes received for the response headers (HTTP/1.1), then in total (headers + encoded body). */
  headerBytes: number;
  transferred: number;
  decoded: number;
  fromCache: boolean;
  failed?: string;
}

const lower = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));

/**
 * Opens `url` in a new page of `context` and records every request until the network has been
 * quiet for `quietMs` (after Playwright's `networkidle`): what the visit costs on the wire. A
 * second call in the same context is a repeat visit (the HTTP cache is the context's).
 */
export async function recordVisit(context: BrowserContext, url: string, quietMs = 1_500): Promise<Recorded[]> {
  const page = await context.newPage();
  const cdp: CDPSession = await context.newCDPSession(page);
  const entries: Recorded[] = [];
  const current = new Map<string, Recorded>();
  const extraSent = new Map<string, Record<string, string>[]>();
  let inFlight = 0;
  let lastEvent = Date.now();
  const touch = () => (lastEvent = Date.now());

  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => {
    touch();
    const previous = current.get(e.requestId);
    if (previous && e.redirectResponse) {
      // The same request id goes on after a redirect: the previous entry ended with it.
      previous.status = e.redirectResponse.status;
      previous.responseHeaders = lower(e.redirectResponse.headers);
      previous.transferred = previous.headerBytes = e.redirectResponse.encodedDataLength;
    } else inFlight += 1;
    const entry: Recorded = {
      id: e.requestId,
      url: e.request.url,
      method: e.request.method,
      type: e.type ?? 'Other',
      headers: lower(e.request.headers),
      responseHeaders: {},
      headerBytes: 0,
      transferred: 0,
      decoded: 0,
      fromCache: false,
    };
    current.set(e.requestId, entry);
    entries.push(entry);
  });
  cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
    touch();
    extraSent.set(e.requestId, [...(extraSent.get(e.requestId) ?? []), lower(e.headers)]);
  });
  cdp.on('Network.requestServedFromCache', (e) => {
    const entry = current.get(e.requestId);
    if (entry) entry.fromCache = true;
  });
  cdp.on('Network.responseReceived', (e) => {
    touch();
    const entry = current.get(e.requestId);
    if (!entry) return;
    entry.status = e.response.status;
    entry.responseHeaders = lower(e.response.headers);
    entry.headerBytes = e.response.encodedDataLength;
    if (e.response.fromDiskCache || e.response.fromPrefetchCache || e.response.fromServiceWorker) entry.fromCache = true;
  });
  cdp.on('Network.dataReceived', (e) => {
    touch();
    const entry = current.get(e.requestId);
    if (entry) entry.decoded += e.dataLength;
  });
  cdp.on('Network.loadingFinished', (e) => {
    touch();
    const entry = current.get(e.requestId);
    if (entry) entry.transferred = e.encodedDataLength;
    inFlight -= 1;
  });
  cdp.on('Network.loadingFailed', (e) => {
    touch();
    const entry = current.get(e.requestId);
    if (entry) entry.failed = e.errorText;
    inFlight -= 1;
  });

  await page.goto(url, { waitUntil: 'networkidle' });
  const deadline = Date.now() + 20_000;
  while ((inFlight > 0 || Date.now() - lastEvent < quietMs) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await cdp.detach();
  await page.close();
  // The i-th ExtraInfo of a request id belongs to its i-th hop (redirects reuse the id).
  const hop = new Map<string, number>();
  for (const entry of entries) {
    const i = hop.get(entry.id) ?? 0;
    hop.set(entry.id, i + 1);
    entry.sentHeaders = extraSent.get(entry.id)?.[i];
  }
  return entries;
}

export const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};
/**
 * The requests of a recorded visit a replay sends: GETs and HEADs of the app's origin that were
 * answered. A request the page aborted after the server answered (Next cancels a duplicate
 * prefetch) still cost the server its work: it is replayed too. Only those never answered are left out.
 */
export function replayableRequests(visit: Recorded[], appUrl: string): Recorded[] {
  const origin = new URL(appUrl).origin;
  return visit.filter((r) => r.url.startsWith(origin) && (r.method === 'GET' || r.method === 'HEAD') && r.status !== undefined);
}
export const cacheControl = (r: Recorded): string => r.responseHeaders['cache-control'] ?? '';
const contentType = (r: Recorded) => r.responseHeaders['content-type'] ?? '';
export const isRsc = (r: Recorded): boolean => r.url.includes('_rsc=') || r.headers.rsc === '1' || contentType(r).includes('text/x-component');
export const isHtml = (r: Recorded): boolean => r.type === 'Document' || contentType(r).includes('text/html');
/** Rendered for this request: HTML or RSC answered neither from server.ts's page cache (x-undersigned-cache, issue 14) nor from Next's ISR cache. */
export const rendered = (r: Recorded): boolean =>
  (isHtml(r) || isRsc(r)) && !/^(HIT|STALE)$/.test(r.responseHeaders['x-undersigned-cache'] ?? r.responseHeaders['x-nextjs-cache'] ?? '');
/** Answered `private` or `no-store`: made for one visitor, so neither a cache nor the next visit can reuse it. */
export const uncacheable = (r: Recorded): boolean => /no-store|private/.test(cacheControl(r));
/** Compressed for this request: an encoded body without a length (chunked: compressed while streaming). */
export const compressedPerRequest = (r: Recorded): boolean => !!r.responseHeaders['content-encoding'] && !r.responseHeaders['content-length'];
/** A static asset (script, stylesheet, image, font, or anything under /_next/static/; not a data: URI): it must be cached by URL, for good. */
export const isStaticAsset = (r: Recorded): boolean =>
  /^https?:/.test(r.url) &&
  !isHtml(r) &&
  !isRsc(r) &&
  (/^(Script|Stylesheet|Image|Font)$/.test(r.type) || new URL(r.url).pathname.startsWith('/_next/static/'));
/** Went over the network (not from the HTTP cache, not a data: URI). */
export const overNetwork = (r: Recorded): boolean => !r.fromCache && /^https?:/.test(r.url);

export function flags(r: Recorded): string {
  const f: string[] = [];
  if (rendered(r)) f.push('RENDERED');
  else if (isHtml(r) || isRsc(r)) {
    const own = r.responseHeaders['x-undersigned-cache'];
    f.push(own ? `page-cache ${own}` : `next-cache ${r.responseHeaders['x-nextjs-cache']}`);
  }
  if (/no-store/.test(cacheControl(r))) f.push('NO-STORE');
  if (/private/.test(cacheControl(r))) f.push('PRIVATE');
  if (compressedPerRequest(r)) f.push('compressed per request');
  if (isStaticAsset(r) && !/immutable/.test(cacheControl(r)) && !r.fromCache) f.push('not immutable');
  if (r.fromCache) f.push('from cache');
  if (r.failed) f.push(`failed: ${r.failed}`);
  return f.join(', ');
}

export const kb = (bytes: number): string => `${(bytes / KB).toFixed(1)} KB`;

/** The totals of a recorded visit. */
export interface VisitTotals {
  /** Every request the page made, from the cache or not. */
  requests: number;
  /** Requests that went over the network. */
  network: number;
  /** Bytes transferred (headers + encoded bodies), as DevTools counts them. */
  transferred: number;
  /** Of which bodies. */
  bodies: number;
  decoded: number;
}

export function visitTotals(visit: Recorded[]): VisitTotals {
  return {
    requests: visit.length,
    network: visit.filter(overNetwork).length,
    transferred: visit.reduce((s, r) => s + r.transferred, 0),
    bodies: visit.reduce((s, r) => s + Math.max(0, r.transferred - r.headerBytes), 0),
    decoded: visit.reduce((s, r) => s + r.decoded, 0),
  };
}

/** One recorded visit as a table, each request flagged (RENDERED, NO-STORE, not immutable…). */
export function formatVisit(title: string, entries: Recorded[]): string {
  const cols = ['#', 'request', 'type', 'status', 'enc', 'transferred', 'decoded', 'cache-control', 'flags'];
  const cells = entries.map((r, i) => [
    String(i + 1),
    `${r.method} ${/^https?:/.test(r.url) ? pathOf(r.url) : r.url}${r.headers['next-router-prefetch'] ? ' [prefetch]' : ''}`.slice(0, 70),
    r.type,
    String(r.status ?? '—'),
    r.responseHeaders['content-encoding'] ?? '—',
    kb(r.transferred),
    kb(r.decoded),
    cacheControl(r).slice(0, 44),
    flags(r),
  ]);
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => vals.map((v, i) => (i === 5 || i === 6 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ');
  return [`\n${title}`, line(cols), ...cells.map(line)].join('\n');
}

/** What the requests of a visit that went over the network would weigh compressed once, at build time. */
export interface CompressedEstimate {
  decoded: number;
  gzip: number;
  brotli: number;
  /** Response headers as recorded, counted once in each total above. */
  headers: number;
}

/**
 * Fetches again (identity) every request of `visit` that went over the network, and compresses each
 * body as a server that compresses once would: gzip -9 and brotli quality 11 (what a build-time
 * precompress step writes). Headers are counted as Chromium received them. An estimate for
 * "what this visit weighs once statics are precompressed", beside the real `transferred`.
 */
export async function estimateCompressed(visit: Recorded[]): Promise<CompressedEstimate> {
  const sum: CompressedEstimate = { decoded: 0, gzip: 0, brotli: 0, headers: 0 };
  for (const r of visit.filter(overNetwork)) {
    const sent = { ...r.headers, ...r.sentHeaders };
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    for (const [k, v] of Object.entries(sent)) if (/^(accept|rsc|next-router-.*|next-url)$/.test(k)) headers[k] = v;
    const res = await fetch(r.url, { method: r.method, headers });
    const body = Buffer.from(await res.arrayBuffer());
    sum.headers += r.headerBytes;
    sum.decoded += body.length;
    sum.gzip += gzipSync(body, { level: 9 }).length;
    sum.brotli += brotliCompressSync(body, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
  }
  return sum;
}
