import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { createManifestHasher, type DeliveryManifest } from './build-delivery-manifest';
import { CONSTITUENT_SQL_EXPRESSION } from './constituent-filter';

/**
 * CSV attachments larger than this (uncompressed) are sent gzipped. 2 MiB is about 30,000
 * signatures; keeping attachments small keeps them under common mail size limits (base64 adds
 * a third). The manifest always covers the uncompressed rows.
 */
export const GZIP_ABOVE_BYTES = 2 * 1024 * 1024;

export const CSV_HEADER = ['Signed date', 'Given name', 'Family name', 'City', 'Postal code', 'Comment'] as const;
const BOM = '\uFEFF';

export interface DeliveryCsvInput {
  databaseUrl: string;
  campaignId: number;
  fromSeq: bigint;
  toSeq: bigint;
  includeEmails: boolean;
  constituentsOnly: boolean;
  /** Normalized jurisdiction codes (see jurisdictionCodes). */
  codes: string[];
  /** Target time zone for the signed date. */
  timeZone: string;
  /** Base name without extension, e.g. "signatures-san-jose-2026-11-26". */
  baseName: string;
  gzipAboveBytes?: number;
}

export interface DeliveryCsv {
  /** Temporary file to attach; call cleanup() when done. */
  path: string;
  fileName: string;
  contentType: string;
  gzipped: boolean;
  /** Uncompressed CSV size in bytes (BOM and header included). */
  bytes: number;
  manifest: DeliveryManifest;
  breakdown: { locality: string | null; postalCode: string | null; count: number }[];
  comments: { name: string; locality: string | null; comment: string }[];
  cleanup(): Promise<void>;
}

/** Cell text that Excel would run as a formula gets a leading apostrophe (CSV injection). */
const safe = (column: string) => `CASE WHEN ${column} ~ '^[=+@\\t\\r-]' THEN '''' || ${column} ELSE ${column} END`;

/**
 * The WHERE clause and the SELECT of a delivery's CSV rows, with values inlined as SQL literals
 * (COPY takes no parameters): integers are formatted by us, text goes through `literal` (the
 * driver's escapeLiteral). Also used by bench/deliver-100k.ts (through the package entry) to run the same query with psql.
 */
export function deliveryCsvQuery(
  input: Pick<DeliveryCsvInput, 'campaignId' | 'fromSeq' | 'toSeq' | 'includeEmails' | 'constituentsOnly' | 'codes' | 'timeZone'>,
  literal: (value: string) => string,
): { where: string; select: string } {
  const codes = `ARRAY[${input.codes.map(literal).join(',') || "''"}]::text[]`;
  const where = `s.campaign_id = ${Number(input.campaignId)} AND s.status = 'confirmed'
      AND s.seq > ${BigInt(input.fromSeq).toString()} AND s.seq <= ${BigInt(input.toSeq).toString()}
      ${input.constituentsOnly ? `AND ${CONSTITUENT_SQL_EXPRESSION} = ANY(${codes})` : ''}`;
  const columns = [
    `to_char(coalesce(s.confirmed_at, s.created_at) AT TIME ZONE ${literal(input.timeZone)}, 'YYYY-MM-DD')`,
    safe('s.given_name'),
    safe('s.family_name'),
    safe('s.locality'),
    safe('s.postal_code'),
    safe('s.comment'),
    ...(input.includeEmails ? [safe('p.email')] : []),
  ];
  const select = `SELECT ${columns.join(', ')} FROM signature s
      ${input.includeEmails ? 'JOIN person p ON p.id = s.person_id' : ''}
      WHERE ${where} ORDER BY s.seq`;
  return { where, select };
}

/**
 * Writes a delivery's CSV to a temporary file, streamed straight from PostgreSQL (COPY … TO
 * STDOUT, never one string in memory), hashing the rows on the way for the manifest, and gzips
 * it when large. The count, breakdown, comments and rows all come from one REPEATABLE READ
 * snapshot, so they agree; the row count is COPY's own. Columns: signed date (target's time zone), given name, family name,
 * city, postal code, comment, and email only if the campaign opts in. UTF-8 with a BOM.
 */
export async function writeDeliveryCsv(input: DeliveryCsvInput): Promise<DeliveryCsv> {
  const client = new pg.Client({ connectionString: input.databaseUrl });
  const side = new pg.Client({ connectionString: input.databaseUrl });
  await Promise.all([client.connect(), side.connect()]);
  const dir = await mkdtemp(path.join(tmpdir(), 'undersigned-delivery-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: snap } = await client.query<{ id: string }>('SELECT pg_export_snapshot() AS id');
    const lit = (value: string) => client.escapeLiteral(value);
    const { where, select } = deliveryCsvQuery(input, lit);

    // The breakdown and the comments run on a second connection in the same snapshot, while the
    // first streams the rows: everything agrees, and the aggregates cost no extra wall time.
    const aggregates = (async () => {
      await side.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await side.query(`SET TRANSACTION SNAPSHOT ${lit(snap[0]!.id)}`);
      const { rows: breakdown } = await side.query<{ locality: string | null; postal_code: string | null; n: number }>(
        `SELECT s.locality, ${CONSTITUENT_SQL_EXPRESSION} AS postal_code, count(*)::int AS n
         FROM signature s WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 20`,
      );
      const { rows: comments } = await side.query<{ given_name: string; family_name: string; locality: string | null; comment: string }>(
        `SELECT s.given_name, s.family_name, s.locality, s.comment FROM signature s
         WHERE ${where} AND coalesce(btrim(s.comment), '') <> '' ORDER BY s.seq DESC LIMIT 10`,
      );
      await side.query('COMMIT');
      return { breakdown, comments };
    })();

    const sql = `COPY (${select}) TO STDOUT WITH (FORMAT csv)`;

    const header = BOM + [...CSV_HEADER, ...(input.includeEmails ? ['Email'] : [])].join(',') + '\n';
    const csvPath = path.join(dir, `${input.baseName}.csv`);
    const gzPath = `${csvPath}.gz`;
    const out = createWriteStream(csvPath);
    // The gzip runs on libuv's thread pool, alongside the COPY: it costs little wall time, and
    // is simply thrown away when the CSV turns out small.
    const gzip = createGzip({ level: 1 });
    const gzDone = pipeline(gzip, createWriteStream(gzPath));
    out.write(header);
    gzip.write(header);
    const hasher = createManifestHasher();
    const copy = client.query(copyTo(sql));
    // COPY yields about one small chunk per row: gather them into 256 KiB blocks so the hash,
    // the file and the gzip stream each see a few dozen writes, not a hundred thousand.
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes < 256 * 1024) return callback();
        const block = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        hasher.addBytes(block);
        if (!gzip.write(block)) gzip.once('drain', () => callback(null, block));
        else callback(null, block);
      },
      flush(callback) {
        const block = Buffer.concat(pending, pendingBytes);
        hasher.addBytes(block);
        gzip.end(block);
        callback(null, block);
      },
    });
    const [{ breakdown, comments }] = await Promise.all([aggregates, pipeline(copy, hashing, out), gzDone]);
    await client.query('COMMIT');

    const bytes = (await stat(csvPath)).size;
    const manifest = hasher.finish(copy.rowCount);
    const gzipped = bytes > (input.gzipAboveBytes ?? GZIP_ABOVE_BYTES);
    const attachPath = gzipped ? gzPath : csvPath;
    await unlink(gzipped ? csvPath : gzPath);
    return {
      path: attachPath,
      fileName: path.basename(attachPath),
      contentType: gzipped ? 'application/gzip' : 'text/csv; charset=utf-8',
      gzipped,
      bytes,
      manifest,
      breakdown: breakdown.map((r) => ({ locality: r.locality, postalCode: r.postal_code, count: r.n })),
      comments: comments.map((c) => ({
        name: `${c.given_name} ${c.family_name.slice(0, 1)}.`,
        locality: c.locality,
        comment: c.comment,
      })),
      cleanup,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    await cleanup();
    throw error;
  } finally {
    await Promise.all([client.end().catch(() => undefined), side.end().catch(() => undefined)]);
  }
}
