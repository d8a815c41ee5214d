import { Prisma, type Db } from '@undersigned/db';
import { parseReviewSelection, reviewSelectionSql, type ReviewSelection } from './review-selection';
import { REVIEW_ROW_COLUMNS, REVIEW_ROW_JOINS, toReviewSignatureRow, type ReviewSignatureRow, type ReviewSignatureSqlRow } from './review-sample';

export const REVIEW_PAGE_SIZE = 50;

export interface ReviewSignaturePage {
  rows: ReviewSignatureRow[];
  /** Signatures the selection matches in all. */
  total: number;
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: string | null;
}

/**
 * One page of the signatures a review selection matches, newest first, by keyset on the id
 * (`before`: the last id of the previous page), REVIEW_PAGE_SIZE per page: first name, last
 * initial, city, time, status, hold reason, campaign title and a short IP hash — no email.
 */
export async function listReviewSignatures(
  db: Db,
  selection: ReviewSelection,
  options: { before?: string | bigint } = {},
): Promise<ReviewSignaturePage> {
  const sel = parseReviewSelection(selection, { forReading: true });
  const where = reviewSelectionSql(sel);
  const before = options.before !== undefined && /^[1-9][0-9]{0,18}$/.test(String(options.before)) ? BigInt(options.before) : null;
  const rows = await db.$queryRaw<ReviewSignatureSqlRow[]>`
    SELECT ${REVIEW_ROW_COLUMNS} FROM signature s ${REVIEW_ROW_JOINS}
    WHERE ${where} ${before === null ? Prisma.empty : Prisma.sql`AND s.id < ${before}`}
    ORDER BY s.id DESC LIMIT ${REVIEW_PAGE_SIZE + 1}`;
  const [count] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM signature s JOIN person p ON p.id = s.person_id WHERE ${where}`;
  const page = rows.slice(0, REVIEW_PAGE_SIZE).map(toReviewSignatureRow);
  return { rows: page, total: Number(count?.n ?? 0), nextBefore: rows.length > REVIEW_PAGE_SIZE ? page[page.length - 1]!.id : null };
}
