// A body kept in memory in every encoding we send (identity, and br/gzip when they are smaller),
// compressed once, and the writer that picks one per request (issue 14). Used for /_next/static
// files (static-assets.ts) and cached campaign pages (page-response-cache.ts).
import type http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { negotiateEncoding, type Encoding } from './encoding';

export interface CompressedBody {
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  /** The encodings present (identity always). */
  available: ReadonlySet<Encoding>;
}

/** Keeps a compressed variant only when it is smaller than the identity body. */
export function compressedBody(identity: Buffer, variants: { br?: Buffer | null; gzip?: Buffer | null } = {}): CompressedBody {
  const available = new Set<Encoding>(['identity']);
  const body: CompressedBody = { identity, available };
  if (variants.br && variants.br.length < identity.length) {
    body.br = variants.br;
    available.add('br');
  }
  if (variants.gzip && variants.gzip.length < identity.length) {
    body.gzip = variants.gzip;
    available.add('gzip');
  }
  return body;
}

export interface CompressOptions {
  /** Brotli quality, 0–11. */
  brotliQuality: number;
  /** Gzip level, 1–9. */
  gzipLevel: number;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

const brotliOptions = (identity: Buffer, quality: number): zlib.BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
    [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length,
  },
});

/** Compresses on libuv's thread pool, off the event loop (cached pages, refreshed while serving). */
export async function compressBody(identity: Buffer, options: CompressOptions): Promise<CompressedBody> {
  const [br, gz] = await Promise.all([
    brotli(identity, brotliOptions(identity, options.brotliQuality)),
    gzip(identity, { level: options.gzipLevel }),
  ]);
  return compressedBody(identity, { br, gzip: gz });
}

/** Same, synchronously (at boot, before listening). */
export function compressBodySync(identity: Buffer, options: CompressOptions): CompressedBody {
  return compressedBody(identity, {
    br: zlib.brotliCompressSync(identity, brotliOptions(identity, options.brotliQuality)),
    gzip: zlib.gzipSync(identity, { level: options.gzipLevel }),
  });
}

/** Adds accept-encoding to a Vary value (the answer depends on it once there is a choice). */
export function varyWithAcceptEncoding(vary: string | undefined): string {
  if (!vary) return 'accept-encoding';
  return vary
    .split(',')
    .map((v) => v.trim().toLowerCase())
    .includes('accept-encoding')
    ? vary
    : `${vary}, accept-encoding`;
}

type Headers = Readonly<Record<string, string | string[]>>;

/** `headers` with accept-encoding added to Vary, computed once per headers object (they are kept, not built per request). */
const prepared = new WeakMap<Headers, Headers>();
function withVary(headers: Headers): Headers {
  let out = prepared.get(headers);
  if (!out) {
    const vary = headers.vary;
    out = { ...headers, vary: varyWithAcceptEncoding(Array.isArray(vary) ? vary.join(', ') : vary) };
    prepared.set(headers, out);
  }
  return out;
}

/** Negotiation results by Accept-Encoding value (browsers send a handful of distinct ones); bounded. */
const negotiated = new Map<string, Encoding>();
function negotiate(acceptEncoding: string | string[] | undefined, available: ReadonlySet<Encoding>): Encoding {
  if (typeof acceptEncoding !== 'string') return negotiateEncoding(acceptEncoding, available);
  const key = `${available.has('br') ? 'b' : '-'}${available.has('gzip') ? 'g' : '-'}${acceptEncoding}`;
  let encoding = negotiated.get(key);
  if (encoding === undefined) {
    encoding = negotiateEncoding(acceptEncoding, available);
    if (negotiated.size >= 256) negotiated.clear();
    negotiated.set(key, encoding);
  }
  return encoding;
}

/**
 * Writes `body` in the encoding the request prefers, with content-length and Vary; no body for
 * HEAD. `headers` (kept by the caller: prepared once per object) and `extra` (per request) must
 * not carry content-length, content-encoding or transfer-encoding.
 */
export function writeCompressed(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Headers,
  body: CompressedBody,
  extra?: Readonly<Record<string, string>>,
): Encoding {
  const encoding = negotiate(req.headers['accept-encoding'], body.available);
  const bytes = encoding === 'identity' ? body.identity : body[encoding]!;
  const out: Record<string, string | string[] | number> = { ...withVary(headers), ...extra, 'content-length': bytes.length };
  if (encoding !== 'identity') out['content-encoding'] = encoding;
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : bytes);
  return encoding;
}
