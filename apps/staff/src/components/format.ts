const number = new Intl.NumberFormat('en-US');

export function formatNumber(value: number | bigint): string {
  return number.format(value);
}

export function formatDateTime(value: Date | null | undefined, timeZone?: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(value);
}

export function formatDate(value: Date | null | undefined, timeZone?: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).format(value);
}

/** "Mar 1 – 6, 2026", or one date when both fall on the same day (in `timeZone`). */
export function formatDateRange(first: Date, last: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone }).formatRange(first, last);
}

/** A delivery's signatures in a campaigner's terms: "1–6", or "7" for a delivery of one. */
export function formatPositions({ first, last }: { first: number; last: number }): string {
  return first === last ? formatNumber(first) : `${formatNumber(first)}–${formatNumber(last)}`;
}

/** "May 2, 2026, 10:00 AM – 4:00 PM" (the date once when both fall on the same day, in `timeZone`). */
export function formatDateTimeRange(first: Date, last: Date, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone }).formatRange(first, last);
}
