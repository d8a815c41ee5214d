import fc from 'fast-check';
import { isAppError } from '../errors';
import { decodeOsdiCursor, encodeOsdiCursor, parseOsdiCollectionQuery } from './parse-osdi-collection-query';
import { parseIsoInstant, parseOsdiFilter } from './parse-osdi-filter';

describe('parseOsdiFilter', () => {
  it('reads Action Network style clauses joined by and', () => {
    expect(parseOsdiFilter("modified_date gt '2026-01-01T00:00:00Z'")).toEqual({ modified: { gt: new Date('2026-01-01T00:00:00Z') } });
    expect(
      parseOsdiFilter("modified_date gt '2026-01-01' and modified_date lt '2026-02-01T12:30:00.250+02:00' AND created_date gt '2025-12-31'"),
    ).toEqual({
      modified: { gt: new Date('2026-01-01T00:00:00Z'), lt: new Date('2026-02-01T10:30:00.250Z') },
      created: { gt: new Date('2025-12-31T00:00:00Z') },
    });
    expect(parseOsdiFilter('')).toEqual({});
    expect(parseOsdiFilter(null)).toEqual({});
  });

  it.each([
    ["email gt '2026-01-01'", 'only modified_date'],
    ["modified_date eq '2026-01-01'", 'gt and lt'],
    ["modified_date gt '2026-02-30'", 'not an ISO 8601'],
    ["modified_date gt 'yesterday'", 'not an ISO 8601'],
    ['modified_date gt 2026-01-01', 'cannot read'],
    ["modified_date gt '2026-01-01' or modified_date lt '2026-02-01'", 'cannot read'],
    ["modified_date gt '2026-01-01' and modified_date gt '2026-01-02'", 'twice'],
  ])('refuses %s with a validation error naming the problem', (filter, words) => {
    expect(() => parseOsdiFilter(filter)).toThrow(expect.objectContaining({ code: 'validation', message: expect.stringContaining(words) }));
  });

  it('never throws anything but a validation AppError, and a parsed range holds real dates', () => {
    const field = fc.constantFrom('modified_date', 'created_date', 'Modified_Date', 'email', '', 'modified_date;');
    const op = fc.constantFrom('gt', 'lt', 'GT', 'eq', 'ge', '');
    const value = fc.oneof(
      fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
      fc.string({ maxLength: 30 }),
      fc.constantFrom("'", "''", '2026-13-01', '2026-01-01T25:00', '+275760-09-13', '2026-01-01T00:00:00+99:00'),
    );
    const clause = fc.tuple(field, op, value, fc.boolean()).map(([f, o, v, quoted]) => `${f} ${o} ${quoted ? `'${v}'` : v}`);
    const filter = fc.oneof(
      fc.array(clause, { maxLength: 4 }).map((c) => c.join(' and ')),
      fc.string({ maxLength: 600 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    fc.assert(
      fc.property(filter, (f) => {
        try {
          const parsed = parseOsdiFilter(f);
          for (const range of [parsed.modified, parsed.created]) {
            for (const d of [range?.gt, range?.lt]) if (d) expect(Number.isNaN(d.getTime())).toBe(false);
          }
        } catch (error) {
          expect(isAppError(error) && error.code === 'validation' && typeof error.fields.filter === 'string').toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseIsoInstant', () => {
  it('treats a date or a zoneless time as UTC and honours offsets', () => {
    expect(parseIsoInstant('2026-03-01')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseIsoInstant('2026-03-01T08:00')?.toISOString()).toBe('2026-03-01T08:00:00.000Z');
    expect(parseIsoInstant('2026-03-01T08:00:00-0500')?.toISOString()).toBe('2026-03-01T13:00:00.000Z');
    expect(parseIsoInstant('2024-02-29')).not.toBeNull();
    expect(parseIsoInstant('2025-02-29')).toBeNull();
  });
});

describe('parseOsdiCollectionQuery', () => {
  const q = (s: string) => parseOsdiCollectionQuery(new URLSearchParams(s));

  it('defaults to 25 per page, caps per_page at 100, and orders by the filtered date', () => {
    expect(q('')).toMatchObject({ page: 1, perPage: 25, order: 'id', cursor: null });
    expect(q('per_page=500&page=3')).toMatchObject({ page: 3, perPage: 100 });
    expect(q('per_page=abc&page=-2')).toMatchObject({ page: 1, perPage: 25 });
    expect(q("filter=created_date gt '2026-01-01'").order).toBe('created');
    expect(q("filter=created_date gt '2026-01-01' and modified_date lt '2026-02-01'").order).toBe('modified');
  });

  it('continues a walk from its cursor (page and total from the cursor), and refuses a cursor of another filter', () => {
    const filter = "modified_date gt '2026-01-01'";
    const cursor = encodeOsdiCursor({ order: 'modified', at: '2026-01-02T00:00:00.000Z', id: '42', page: 7, total: 900, filter });
    expect(q(new URLSearchParams({ filter, cursor, page: '2' }).toString())).toMatchObject({ page: 7, cursor: { id: '42', total: 900 } });
    expect(() => q(new URLSearchParams({ cursor }).toString())).toThrow(
      expect.objectContaining({ code: 'validation', fields: { cursor: 'invalid' } }),
    );
  });

  it('decodes only cursors it made: anything else is null, never an exception', () => {
    const c = { order: 'id' as const, at: null, id: '123456789012', page: 2, total: 10_000, filter: '' };
    expect(decodeOsdiCursor(encodeOsdiCursor(c))).toEqual(c);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json().map((j) => Buffer.from(j).toString('base64url')),
        ),
        (text) => {
          const decoded = decodeOsdiCursor(text);
          if (decoded) expect(decoded.page).toBeGreaterThanOrEqual(2);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
