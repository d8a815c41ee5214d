import { z } from 'zod';
import { AppError } from '../errors';

/** A time range on one date field: strictly after `gt`, strictly before `lt`. */
export interface OsdiDateRange {
  gt?: Date;
  lt?: Date;
}

/** What an OSDI `filter` asks for (Action Network's OData subset, dates only). */
export interface OsdiFilter {
  modified?: OsdiDateRange;
  created?: OsdiDateRange;
}

/** Longest `filter` accepted (four clauses with full timestamps fit in well under 300). */
export const MAX_OSDI_FILTER_LENGTH = 500;

// ISO 8601: a date, or a date and time with optional seconds, fraction and zone (no zone = UTC).
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const clauseSchema = z.object({
  field: z.enum(['modified_date', 'created_date'], { error: 'only modified_date and created_date can be filtered' }),
  op: z.enum(['gt', 'lt'], { error: 'only the gt and lt operators are supported' }),
  value: z.string(),
});

const CLAUSE = /^\s*([A-Za-z_]+)\s+([A-Za-z]+)\s+'([^']*)'\s*$/;

function invalid(message: string): AppError {
  return new AppError('validation', message, { filter: message });
}

/** One ISO 8601 date or date-time → Date (UTC when no zone); null when it is not a real instant. */
export function parseIsoInstant(text: string): Date | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  // A calendar day that exists (2026-02-30 does not).
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const t = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  const date = new Date(t);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Parses an OSDI `filter` such as `modified_date gt '2026-01-01T00:00:00Z' and modified_date lt
 * '2026-02-01'`: clauses `<modified_date|created_date> <gt|lt> '<ISO 8601>'` joined by ` and `.
 * Pure. Empty or absent → no filter. Anything else throws AppError `validation` with a message
 * naming what is wrong (fields.filter), and nothing else: the API answers 400 invalid_filter.
 */
export function parseOsdiFilter(filter: string | null | undefined): OsdiFilter {
  if (filter === null || filter === undefined || filter.trim() === '') return {};
  if (filter.length > MAX_OSDI_FILTER_LENGTH) throw invalid(`filter is longer than ${MAX_OSDI_FILTER_LENGTH} characters`);
  const result: OsdiFilter = {};
  for (const part of filter.split(/\s+and\s+/i)) {
    const m = CLAUSE.exec(part);
    if (!m) throw invalid(`cannot read "${part.trim().slice(0, 80)}": expected e.g. modified_date gt '2026-01-01T00:00:00Z'`);
    const parsed = clauseSchema.safeParse({ field: m[1]!.toLowerCase(), op: m[2]!.toLowerCase(), value: m[3] });
    if (!parsed.success) throw invalid(parsed.error.issues[0]?.message ?? 'invalid filter');
    const { field, op, value } = parsed.data;
    const date = parseIsoInstant(value);
    if (!date) throw invalid(`"${value.slice(0, 40)}" is not an ISO 8601 date or date-time`);
    const key = field === 'modified_date' ? 'modified' : 'created';
    const range = (result[key] ??= {});
    if (range[op]) throw invalid(`${field} ${op} is given twice`);
    range[op] = date;
  }
  return result;
}
