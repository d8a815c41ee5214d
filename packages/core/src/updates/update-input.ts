import { parseOrValidationError } from '../parse-or-validation-error';
import { z } from 'zod';

const subject = z
  .string()
  .trim()
  .max(200, 'too_long')
  .nullish()
  .transform((v) => v || null);
const body = z
  .string()
  .trim()
  .max(50_000, 'too_long')
  .nullish()
  .transform((v) => v || null);

/**
 * An update's text as staff write it: subject and body (Markdown) per language. A language is
 * either complete (subject and body) or empty (not sent in it); at least one is complete.
 */
export const updateContentSchema = z
  .object({
    subjectEn: subject,
    bodyEn: body,
    subjectEs: subject,
    bodyEs: body,
  })
  .superRefine((v, ctx) => {
    for (const l of ['En', 'Es'] as const) {
      const s = v[`subject${l}`];
      const b = v[`body${l}`];
      if (s && !b) ctx.addIssue({ code: 'custom', path: [`body${l}`], message: 'required' });
      if (b && !s) ctx.addIssue({ code: 'custom', path: [`subject${l}`], message: 'required' });
    }
    if (!v.subjectEn && !v.bodyEn && !v.subjectEs && !v.bodyEs) {
      ctx.addIssue({ code: 'custom', path: ['subjectEn'], message: 'language_required' });
    }
  });

export type UpdateContentInput = z.input<typeof updateContentSchema>;
export type UpdateContent = z.output<typeof updateContentSchema>;

/** Validates an update's text; AppError `validation` with field → message key (nothing is written). */
export function parseUpdateContent(input: unknown): UpdateContent {
  return parseOrValidationError(updateContentSchema, input);
}

/** The languages an update is written in (both subject and body set). */
export function updateLocales(u: {
  subjectEn: string | null;
  bodyEn: string | null;
  subjectEs: string | null;
  bodyEs: string | null;
}): ('en' | 'es')[] {
  return [...(u.subjectEn && u.bodyEn ? (['en'] as const) : []), ...(u.subjectEs && u.bodyEs ? (['es'] as const) : [])];
}
