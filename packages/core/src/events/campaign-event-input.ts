import { z } from 'zod';
import { isPrintableText } from '../printable-text';
import { localDateTimeToInstant } from './local-date-time';

/** The longest window an event link may have: a weekend fair, not a permanent exemption. */
export const EVENT_MAX_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
export const EVENT_MAX_EXPECTED_SIZE = 100_000;

/**
 * A moment of an event's window: a Date, an ISO string with an offset, or what a datetime-local
 * input sends ("2026-05-02T10:30"), read in `timeZone`.
 */
function moment(timeZone: string) {
  return z.union([z.date(), z.string().max(40)], 'invalid_date_time').transform((value, ctx) => {
    const date =
      value instanceof Date
        ? value
        : /(Z|[+-]\d{2}:?\d{2})$/i.test(value.trim())
          ? new Date(value.trim())
          : localDateTimeToInstant(value.trim(), timeZone);
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'invalid_date_time' });
      return z.NEVER;
    }
    return date;
  });
}

/** Validates a new event's fields; the window rules (end after start, at most 14 days, not over) are checked on the result. */
export function campaignEventSchema(timeZone: string) {
  return z.object({
    name: z.string('required').trim().min(1, 'required').max(120, 'too_long').refine(isPrintableText, 'invalid_characters'),
    startsAt: moment(timeZone),
    endsAt: moment(timeZone),
    expectedSize: z.coerce
      .number('invalid_expected_size')
      .int('invalid_expected_size')
      .min(1, 'invalid_expected_size')
      .max(EVENT_MAX_EXPECTED_SIZE, 'invalid_expected_size'),
  });
}

export interface CampaignEventInput {
  campaignId: number;
  name: string;
  /** A Date, an ISO string with offset, or a datetime-local value read in `timeZone`. */
  startsAt: Date | string;
  endsAt: Date | string;
  expectedSize: number | string;
  /** IANA zone for datetime-local values (the organisation's, STAFF_TIME_ZONE); UTC if absent. */
  timeZone?: string;
}
