import { StringDecoder } from 'node:string_decoder';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { dbEnv, type Db } from '@undersigned/db';

export interface SignatureCsvOptions {
  campaignId: number;
  /** Include signers' email addresses (personal data). */
  includeEmail?: boolean;
  /**
   * The database to stream from (COPY needs its own connection, outside Prisma's pool);
   * defaults to DATABASE_URL. Pass the URL of the same database as the Prisma client used.
   */
  databaseUrl?: string;
}

const HEADER = [
  'id',
  'status',
  'given_name',
  'family_name',
  'email',
  'postal_code',
  'locality',
  'region',
  'country',
  'locale',
  'source',
  'referrer_code',
  'comment',
  'created_at',
  'confirmed_at',
  // Consent to updates is the person's (the latest "send me updates" tick, across campaigns):
  // yes while they have not unsubscribed from all updates; email_status also says bouncing.
  'consented',
  'consented_at',
  'email_status',
];

/** Chunks handed to the caller are about this big (COPY itself sends about one small chunk per row). */
const BLOCK_BYTES = 256 * 1024;

/** RFC 4180 field; also defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvField(value: string | number | bigint | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same rules as csvField, in SQL: formula defusing, and '' written like NULL (empty, unquoted). */
const text = (column: string) => `NULLIF(CASE WHEN ${column} ~ '^[=+@\\t\\r-]' THEN '''' || ${column} ELSE ${column} END, '')`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The export's SELECT (also run by bench/million-rows.ts through psql for its baseline). */
export function signaturesCsvSelect(options: Pick<SignatureCsvOptions, 'campaignId' | 'includeEmail'>): string {
  const columns = [
    's.id',
    's.status::text',
    text('s.given_name'),
    text('s.family_name'),
    ...(options.includeEmail ? [text('p.email')] : []),
    text('s.postal_code'),
    text('s.locality'),
    text('s.region'),
    text('s.country'),
    's.locale::text',
    text('s.source'),
    text('s.referrer_code'),
    text('s.comment'),
    iso('s.created_at'),
    iso('s.confirmed_at'),
    "CASE WHEN p.consented_at IS NOT NULL AND p.email_status <> 'unsubscribed' THEN 'yes' ELSE 'no' END",
    iso('p.consented_at'),
    'p.email_status::text',
  ];
  return `SELECT ${columns.join(', ')} FROM signature s
    JOIN person p ON p.id = s.person_id
    WHERE s.campaign_id = ${Number(options.campaignId)} ORDER BY s.id`;
}

/**
 * COPY ends rows with LF; the export has always used CRLF (RFC 4180). Rewrites each row-ending
 * LF (one outside a quoted field) as CRLF; `inQuotes` carries across chunks.
 */
function crlf(chunk: Buffer, state: { inQuotes: boolean }): Buffer {
  // Row ends found with indexOf (memchr), quotes counted only within each row: one native scan
  // per byte rather than a JavaScript loop over 150 MB.
  const ends: number[] = [];
  let inQuotes = state.inQuotes;
  let pos = 0;
  for (;;) {
    const lf = chunk.indexOf(0x0a, pos);
    const row = chunk.subarray(pos, lf === -1 ? chunk.length : lf);
    for (let q = row.indexOf(0x22); q !== -1; q = row.indexOf(0x22, q + 1)) inQuotes = !inQuotes;
    if (lf === -1) break;
    if (!inQuotes) ends.push(lf);
    pos = lf + 1;
  }
  state.inQuotes = inQuotes;
  const out = Buffer.allocUnsafe(chunk.length + ends.length);
  let from = 0;
  let o = 0;
  for (const lf of ends) {
    o += chunk.copy(out, o, from, lf);
    out[o++] = 0x0d;
    from = lf;
  }
  chunk.copy(out, o, from);
  return out;
}

/**
 * A campaign's signatures as CSV (CRLF, UTF-8), streamed by PostgreSQL itself: one
 * `COPY (SELECT …) TO STDOUT` on a dedicated connection, read with backpressure and handed out in
 * ~256 KiB strings, so a million rows stream at close to `psql \copy`'s rate with memory bounded
 * by a few blocks. One statement, so one consistent snapshot. Stopping early (the consumer
 * returns) closes the connection, which ends the COPY. The caller audits the export. `_db` is
 * unused (kept for the verb(db, input) shape): COPY cannot run through Prisma.
 */
export async function* streamSignaturesCsv(_db: Db, options: SignatureCsvOptions): AsyncGenerator<string> {
  const header = options.includeEmail ? HEADER : HEADER.filter((h) => h !== 'email');
  yield `${header.join(',')}\r\n`;
  const client = new pg.Client({ connectionString: options.databaseUrl ?? dbEnv().DATABASE_URL });
  await client.connect();
  const copy = client.query(copyTo(`COPY (${signaturesCsvSelect(options)}) TO STDOUT WITH (FORMAT csv)`));
  const decoder = new StringDecoder('utf8');
  const state = { inQuotes: false };
  let finished = false;
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < BLOCK_BYTES) continue;
      const block = crlf(Buffer.concat(pending, pendingBytes), state);
      pending = [];
      pendingBytes = 0;
      yield decoder.write(block);
    }
    const rest = decoder.write(crlf(Buffer.concat(pending, pendingBytes), state)) + decoder.end();
    finished = true;
    if (rest) yield rest;
  } finally {
    if (!finished) copy.destroy();
    await client.end().catch(() => undefined);
  }
}
