// The first-visit bench's baseline (bench/first-visit.ts): a bare node:http server that answers
// exactly the URLs a first visit requests, with the same bytes the product answered, compressed
// once at startup (gzip, level 9, as a build step would) and served from memory — no framework,
// no rendering, no per-request compression. The product is measured against this in the same run.
//
//   FIRST_VISIT_BODIES=/path/to/answers.json PORT=… tsx bench/first-visit-baseline.ts
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { gzipSync } from 'node:zlib';

/** One recorded answer, as first-visit.ts writes it. */
export interface RecordedAnswer {
  method: string;
  path: string;
  /** The request headers that select the answer (RSC, Next-Router-*), lower-case; part of the key. */
  selectors: Record<string, string>;
  status: number;
  contentType: string;
  cacheControl: string;
  bodyBase64: string;
}

/** What distinguishes two answers of the same URL: the method, the path and the selecting headers. */
export const answerKey = (method: string, path: string, selectors: Record<string, string>) =>
  `${method} ${path} ${Object.keys(selectors)
    .sort()
    .map((k) => `${k}=${selectors[k]}`)
    .join('&')}`;

/** The request headers that select a different answer for the same URL (Next's RSC protocol). */
export const SELECTOR_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-router-state-tree', 'next-url'];

interface Prepared {
  status: number;
  plain: Buffer;
  gzip: Buffer;
  headers: Record<string, string>;
}

function main() {
  const answers = JSON.parse(readFileSync(process.env.FIRST_VISIT_BODIES!, 'utf8')) as RecordedAnswer[];
  const table = new Map<string, Prepared>();
  for (const a of answers) {
    const plain = Buffer.from(a.bodyBase64, 'base64');
    const headers: Record<string, string> = { 'content-type': a.contentType, vary: 'Accept-Encoding' };
    if (a.cacheControl) headers['cache-control'] = a.cacheControl;
    table.set(answerKey(a.method, a.path, a.selectors), { status: a.status, plain, gzip: gzipSync(plain, { level: 9 }), headers });
  }

  const server = http.createServer((req, res) => {
    const selectors: Record<string, string> = {};
    for (const h of SELECTOR_HEADERS) {
      const v = req.headers[h];
      if (typeof v === 'string') selectors[h] = v;
    }
    const hit = table.get(answerKey(req.method ?? 'GET', req.url ?? '/', selectors));
    if (!hit) {
      // /__up answers the readiness check; anything else was not recorded.
      res.writeHead(req.url === '/__up' ? 200 : 404, { 'content-length': '2' }).end('ok');
      return;
    }
    const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? hit.gzip : hit.plain;
    res.writeHead(hit.status, { ...hit.headers, ...(gzip ? { 'content-encoding': 'gzip' } : {}), 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    console.log(`first-visit baseline: ${table.size} answers on port ${(server.address() as { port: number }).port}`);
  });
}

// Only as its own process (first-visit.ts imports the key helpers above).
if (process.env.FIRST_VISIT_BODIES) main();
