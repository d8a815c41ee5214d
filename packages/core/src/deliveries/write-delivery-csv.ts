import { createReadStream, createWriteStream } from 'node:fs';
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
 * Writes a delivery's CSV to a temporary file, streamed straight from PostgreSQL (COPY … TO
 * STDOUT, never one string in memory), hashing the rows on the way for the manifest, and gzips
 * it when large. The count, breakdown, comments and rows all come from one REPEATABLE READ
 * snapshot, so they agree. Columns: signed date (target's time zone), given name, family name,
 * city, postal code, comment, and email only if the campaign opts in. UTF-8 with a BOM.
 */
export async function writeDeliveryCsv(input: DeliveryCsvInput): Promise<DeliveryCsv> {
  const client = new pg.Client({ connectionString: input.databaseUrl });
  await client.connect();
  const dir = await mkdtemp(path.join(tmpdir(), 'undersigned-delivery-'));
  const cleanup = () => rm(dir, { recursive: true, force: true });
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const lit = (value: string) => client.escapeLiteral(value);
    const codes = `ARRAY[${input.codes.map(lit).join(',') || "''"}]::text[]`;
    const where = `s.campaign_id = ${Number(input.campaignId)} AND s.status = 'confirmed'
      AND s.seq > ${BigInt(input.fromSeq).toString()} AND s.seq <= ${BigInt(input.toSeq).toString()}
      ${input.constituentsOnly ? `AND ${CONSTITUENT_SQL_EXPRESSION} = ANY(${codes})` : ''}`;

    const { rows: countRows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM signature s WHERE ${where}`);
    const count = countRows[0]?.n ?? 0;
    const { rows: breakdown } = await client.query<{ locality: string | null; postal_code: string | null; n: number }>(
      `SELECT s.locality, ${CONSTITUENT_SQL_EXPRESSION} AS postal_code, count(*)::int AS n
       FROM signature s WHERE ${where} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 20`,
    );
    const { rows: comments } = await client.query<{ given_name: string; family_name: string; locality: string | null; comment: string }>(
      `SELECT s.given_name, s.family_name, s.locality, s.comment FROM signature s
       WHERE ${where} AND coalesce(btrim(s.comment), '') <> '' ORDER BY s.seq DESC LIMIT 10`,
    );

    const columns = [
      `to_char(coalesce(s.confirmed_at, s.created_at) AT TIME ZONE ${lit(input.timeZone)}, 'YYYY-MM-DD')`,
      safe('s.given_name'),
      safe('s.family_name'),
      safe('s.locality'),
      safe('s.postal_code'),
      safe('s.comment'),
      ...(input.includeEmails ? [safe('p.email')] : []),
    ];
    const sql = `COPY (SELECT ${columns.join(', ')} FROM signature s
      ${input.includeEmails ? 'JOIN person p ON p.id = s.person_id' : ''}
      WHERE ${where} ORDER BY s.seq) TO STDOUT WITH (FORMAT csv)`;

    const header = BOM + [...CSV_HEADER, ...(input.includeEmails ? ['Email'] : [])].join(',') + '\n';
    const csvPath = path.join(dir, `${input.baseName}.csv`);
    const out = createWriteStream(csvPath);
    out.write(header);
    const hasher = createManifestHasher();
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hasher.addBytes(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(client.query(copyTo(sql)), hashing, out);
    await client.query('COMMIT');

    const bytes = (await stat(csvPath)).size;
    const manifest = hasher.finish(count);
    let attachPath = csvPath;
    let gzipped = false;
    if (bytes > (input.gzipAboveBytes ?? GZIP_ABOVE_BYTES)) {
      attachPath = `${csvPath}.gz`;
      await pipeline(createReadStream(csvPath), createGzip({ level: 6 }), createWriteStream(attachPath));
      await unlink(csvPath);
      gzipped = true;
    }
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
    await client.end().catch(() => undefined);
  }
}
