// /_next/static answered by server.ts from memory (issue 14). Next serves these files itself, but
// gzips each answer again on every request (3.8 ms for the 229 KB chunk, brotli never) — most of a
// first visit's server time (bench/README.md, "Issue 11 … first visit — before"). The files are
// immutable (their names carry a content hash) and small in total, so they are read once at boot,
// with the .br and .gz variants written beside them at build time (scripts/precompress.ts), and
// answered with content-length, `immutable` caching and the pages' security headers.
import { readdirSync, readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { compressBodySync, compressedBody, writeCompressed, type CompressedBody } from './compressed-body';
import { HSTS, overTls, PAGE_HEADER_OBJECT } from './security-headers';
import { webLogger } from './log';

export const STATIC_PREFIX = '/_next/static/';

/** Text formats worth compressing (fonts and images are compressed already). */
export const COMPRESSIBLE_EXTENSIONS: ReadonlySet<string> = new Set([
  '.js',
  '.mjs',
  '.css',
  '.svg',
  '.json',
  '.txt',
  '.map',
  '.html',
  '.xml',
  '.wasm',
]);

/** Build-time settings (scripts/precompress.ts): the smallest files, however long it takes. */
export const BUILD_COMPRESSION = { brotliQuality: 11, gzipLevel: 9 };
/** When a build came without the precompress step: still compressed once, quickly, at boot. */
const BOOT_COMPRESSION = { brotliQuality: 5, gzipLevel: 9 };

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=UTF-8',
  '.mjs': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.json': 'application/json; charset=UTF-8',
  '.map': 'application/json; charset=UTF-8',
  '.txt': 'text/plain; charset=UTF-8',
  '.html': 'text/html; charset=UTF-8',
  '.xml': 'application/xml; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** Files under `dir`, relative, with `/` separators (the URL form). */
export function listFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  } catch {
    return [];
  }
}

interface StaticFile {
  headers: Readonly<Record<string, string>>;
  /** The same with HSTS, for a request that came over TLS. */
  tlsHeaders: Readonly<Record<string, string>>;
  body: CompressedBody;
}

export interface StaticAssets {
  /** Answers a GET/HEAD for `pathname` if it names a file of the build; false → not ours (let Next answer). */
  serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): boolean;
  readonly files: number;
  /** Bytes held in memory, all variants. */
  readonly bytes: number;
}

const readOptional = (file: string): Buffer | null => {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
};

/**
 * Reads every file of `staticDir` (apps/web/.next/static) with its precompressed variants. A
 * compressible file without them (a build made without scripts/precompress.ts) is compressed here,
 * once; a missing or unreadable directory gives an empty table (Next answers, as before).
 */
export function loadStaticAssets(staticDir: string, log: (message: string) => void = (m) => webLogger().warn(m)): StaticAssets {
  const table = new Map<string, StaticFile>();
  const names = listFiles(staticDir);
  const present = new Set(names);
  let bytes = 0;
  let compressedAtBoot = 0;
  for (const name of names) {
    const ext = path.extname(name).toLowerCase();
    // A variant written by the precompress step, beside its source file.
    if ((ext === '.br' || ext === '.gz') && present.has(name.slice(0, -ext.length))) continue;
    const identity = readOptional(path.join(staticDir, name));
    if (!identity) continue;
    let body: CompressedBody;
    if (!COMPRESSIBLE_EXTENSIONS.has(ext)) body = compressedBody(identity);
    else if (present.has(`${name}.br`) || present.has(`${name}.gz`)) {
      body = compressedBody(identity, {
        br: readOptional(path.join(staticDir, `${name}.br`)),
        gzip: readOptional(path.join(staticDir, `${name}.gz`)),
      });
    } else {
      body = compressBodySync(identity, BOOT_COMPRESSION);
      compressedAtBoot += 1;
    }
    bytes += body.identity.length + (body.br?.length ?? 0) + (body.gzip?.length ?? 0);
    const headers = { ...PAGE_HEADER_OBJECT, 'content-type': contentTypeOf(name), 'cache-control': 'public, max-age=31536000, immutable' };
    table.set(`${STATIC_PREFIX}${name}`, { headers, tlsHeaders: { ...headers, ...HSTS }, body });
  }
  if (compressedAtBoot > 0)
    log(`[web] ${compressedAtBoot} static files had no precompressed variants (build without scripts/precompress.ts?): compressed at boot`);
  return {
    files: table.size,
    bytes,
    serve(req, res, pathname) {
      let key = pathname;
      if (key.includes('%')) {
        try {
          key = decodeURIComponent(key);
        } catch {
          return false;
        }
      }
      const file = table.get(key);
      if (!file) return false;
      writeCompressed(req, res, 200, overTls(req) ? file.tlsHeaders : file.headers, file.body);
      return true;
    },
  };
}
