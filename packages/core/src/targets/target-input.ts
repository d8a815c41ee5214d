import { z } from 'zod';
import { AppError } from '../errors';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);

export const targetInputSchema = z.object({
  title: z.string().trim().min(1, 'required').max(200),
  givenName: optionalText(100),
  familyName: optionalText(100),
  organization: optionalText(200),
  email: z
    .union([z.literal(''), z.email('invalid_email').max(320)])
    .optional()
    .transform((v) => v?.toLowerCase() || null),
  ocdDivisionId: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .max(300)
        .regex(/^ocd-division\/[a-z0-9_:~./-]+$/, 'invalid_ocd_id'),
    ])
    .optional()
    .transform((v) => v || null),
  /** Free text: postal codes separated by commas, spaces or new lines. */
  postalCodes: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => {
      const list = Array.isArray(v) ? v : (v ?? '').split(/[\s,;]+/);
      return [...new Set(list.map((c) => c.trim().toUpperCase()).filter(Boolean))].sort();
    })
    .pipe(z.array(z.string().regex(/^[A-Z0-9 -]{3,10}$/, 'invalid_postal_code')).max(5000)),
  timeZone: z
    .string()
    .trim()
    .default('America/Los_Angeles')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'invalid_time_zone'),
});

export type TargetInput = z.input<typeof targetInputSchema>;
export type ValidTargetInput = z.output<typeof targetInputSchema>;

/** Validates a target form; AppError `validation` with field → message key. */
export function parseTargetInput(input: TargetInput): ValidTargetInput {
  const parsed = targetInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  throw new AppError('validation', 'Some fields need attention.', fields);
}
