import { parseOrValidationError } from '../parse-or-validation-error';
import { z } from 'zod';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const markdown = z
  .string()
  .trim()
  .max(20_000, 'too_long')
  .optional()
  .transform((v) => v || null);

/** A calendar date (YYYY-MM-DD) that exists, from 2000 up to tomorrow (time zones ahead of the server). */
const calendarDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '2000-01-01' && d.getTime() <= Date.now() + 36 * 3600_000;
  }, 'invalid_date');

/**
 * What staff record about a target's response: campaign × attached target, the day, the stance,
 * the text in English and/or Spanish (Markdown, at least one) and an optional http(s) link.
 */
export const responseInputSchema = z
  .object({
    campaignId: id,
    targetId: id,
    respondedOn: calendarDate,
    stance: z.enum(['supports', 'opposes', 'no_commitment'], 'required'),
    textEn: markdown,
    textEs: markdown,
    url: z
      .union([
        z.literal(''),
        z
          .url('invalid_url')
          .max(2000, 'invalid_url')
          .regex(/^https?:\/\//i, 'invalid_url'),
      ])
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (!v.textEn && !v.textEs) ctx.addIssue({ code: 'custom', path: ['textEn'], message: 'text_required' });
  });

/** What callers pass (form fields as they come): the schema decides what is valid. */
export type ResponseInput = Partial<Record<keyof z.input<typeof responseInputSchema>, unknown>>;
export type ValidResponseInput = z.output<typeof responseInputSchema>;

/** Validates a response; AppError `validation` with field → message key (nothing is written). */
export function parseResponseInput(input: unknown): ValidResponseInput {
  return parseOrValidationError(responseInputSchema, input);
}
