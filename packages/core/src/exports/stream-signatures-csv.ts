import type { Db } from '@undersigned/db';

export interface SignatureCsvOptions {
  campaignId: number;
  /** Include signers' email addresses (personal data). */
  includeEmail?: boolean;
  /** Rows per database round trip (memory stays bounded by one batch). */
  batchSize?: number;
}

const HEADER = ['id', 'status', 'given_name', 'family_name', 'email', 'postal_code', 'locality', 'region', 'country',
  'locale', 'source', 'referrer_code', 'comment', 'created_at', 'confirmed_at'];

/** RFC 4180 field; also defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A campaign's signatures as CSV, yielded batch by batch with keyset pagination (id > last id),
 * so a million rows stream with memory bounded by one batch. The caller audits the export.
 */
export async function* streamSignaturesCsv(db: Db, options: SignatureCsvOptions): AsyncGenerator<string> {
  const batchSize = Math.min(Math.max(options.batchSize ?? 5000, 1), 20000);
  const header = options.includeEmail ? HEADER : HEADER.filter((h) => h !== 'email');
  yield `${header.join(',')}\r\n`;
  let after = 0n;
  for (;;) {
    const rows = await db.$queryRaw<
      {
        id: bigint; status: string; given_name: string; family_name: string; email: string; postal_code: string | null;
        locality: string | null; region: string | null; country: string | null; locale: string; source: string | null;
        referrer_code: string | null; comment: string | null; created_at: Date; confirmed_at: Date | null;
      }[]
    >`SELECT s.id, s.status::text AS status, s.given_name, s.family_name, p.email, s.postal_code, s.locality, s.region,
             s.country, s.locale::text AS locale, s.source, s.referrer_code, s.comment, s.created_at, s.confirmed_at
      FROM signature s JOIN person p ON p.id = s.person_id
      WHERE s.campaign_id = ${options.campaignId} AND s.id > ${after}
      ORDER BY s.id LIMIT ${batchSize}`;
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows) {
      const values = [r.id, r.status, r.given_name, r.family_name, ...(options.includeEmail ? [r.email] : []), r.postal_code,
        r.locality, r.region, r.country, r.locale, r.source, r.referrer_code, r.comment, r.created_at, r.confirmed_at];
      chunk += `${values.map(csvField).join(',')}\r\n`;
    }
    yield chunk;
    after = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) return;
  }
}
