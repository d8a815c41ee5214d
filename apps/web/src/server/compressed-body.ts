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

/**
 * Writes `body` in the encoding the request prefers, with content-length and Vary; no body for
 * HEAD. `headers` must not carry content-length, content-encoding or transfer-encoding.
 */
export function writeCompressed(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  status: number,
  headers: Readonly<Record<string, string | string[]>>,
  body: CompressedBody,
): Encoding {
  const encoding = negotiateEncoding(req.headers['accept-encoding'], body.available);
  const bytes = encoding === 'identity' ? body.identity : body[encoding]!;
  const vary = headers.vary;
  const out: Record<string, string | string[] | number> = {
    ...headers,
    vary: varyWithAcceptEncoding(Array.isArray(vary) ? vary.join(', ') : vary),
    'content-length': bytes.length,
  };
  if (encoding !== 'identity') out['content-encoding'] = encoding;
  res.writeHead(status, out);
  res.end(req.method === 'HEAD' ? undefined : bytes);
  return encoding;
}
