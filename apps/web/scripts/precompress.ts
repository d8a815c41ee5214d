// Build step after `next build` (package.json "build"): writes `<file>.br` (brotli quality 11)
// and `<file>.gz` (gzip level 9) beside each compressible file of .next/static, once, so the
// production server (src/server/static-assets.ts) — or a reverse proxy with gzip_static /
// brotli_static (docker/nginx.conf) — never compresses an asset per request (issue 14).
// A variant not smaller than its file is not written.
import { readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compressBody } from '../src/server/compressed-body';
import { BUILD_COMPRESSION, COMPRESSIBLE_EXTENSIONS, listFiles } from '../src/server/static-assets';

async function main(): Promise<void> {
  const dir = path.resolve(__dirname, '..', '.next', 'static');
  const started = Date.now();
  const files = listFiles(dir).filter((name) => COMPRESSIBLE_EXTENSIONS.has(path.extname(name).toLowerCase()));
  if (files.length === 0) throw new Error(`precompress: no compressible files under ${dir} (run next build first)`);
  let identity = 0;
  let br = 0;
  let gzip = 0;
  // A few at a time: zlib runs on libuv's thread pool (4 threads by default).
  const queue = [...files];
  async function worker(): Promise<void> {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const file = path.join(dir, name);
      const body = await compressBody(await readFile(file), BUILD_COMPRESSION);
      identity += body.identity.length;
      for (const [variant, bytes] of [
        ['br', body.br],
        ['gz', body.gzip],
      ] as const) {
        if (bytes) await writeFile(`${file}.${variant}`, bytes);
        else await unlink(`${file}.${variant}`).catch(() => undefined);
      }
      br += body.br?.length ?? body.identity.length;
      gzip += body.gzip?.length ?? body.identity.length;
    }
  }
  await Promise.all(Array.from({ length: 4 }, worker));
  const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`;
  console.log(`precompress: ${files.length} files in .next/static, ${kb(identity)} → br ${kb(br)}, gzip ${kb(gzip)} (${Date.now() - started} ms)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
