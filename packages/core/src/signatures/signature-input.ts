import { z } from 'zod';
import { canonicalizeEmail } from './canonicalize-email';

/**
 * Message keys for field errors. Apps translate them (en/es); core never ships UI text.
 */
export type FieldErrorKey = 'required' | 'too_long' | 'invalid_email' | 'invalid_postal_code' | 'invalid_characters' | 'invalid_value';

// Control characters (C0 except tab/newline, DEL, C1) and lone surrogates never belong in a
// name. NUL in particular breaks Postgres text and would fail a whole batched INSERT.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function cleanText(max: number, required: boolean) {
  return z
    .string({ error: 'required' })
    .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(required ? 1 : 0, { error: 'required' })
        .max(max, { error: 'too_long' })
        .refine((s) => !CONTROL.test(s) && !LONE_SURROGATE.test(s), { error: 'invalid_characters' }),
    );
}

const comment = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .max(2000, { error: 'too_long' })
      .refine((s) => !CONTROL.test(s.replace(/[\n\t]/g, '')) && !LONE_SURROGATE.test(s), {
        error: 'invalid_characters',
      }),
  );

/** Optional attribution fields: kept only when well-formed, silently dropped otherwise. */
const attribution = (pattern: RegExp) => z.string().trim().regex(pattern).optional().catch(undefined);

export const signatureInputSchema = z.object({
  givenName: cleanText(100, true),
  familyName: cleanText(100, true),
  email: z
    .string({ error: 'required' })
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .max(254, { error: 'too_long' })
        .pipe(z.email({ error: 'invalid_email' }))
        .refine((s) => canonicalizeEmail(s) !== null, { error: 'invalid_email' }),
    ),
  postalCode: z
    .string({ error: 'required' })
    .transform((s) => s.trim().toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: 'required' })
        .max(12, { error: 'too_long' })
        .regex(/^[A-Z0-9][A-Z0-9 -]{1,10}[A-Z0-9]$/, { error: 'invalid_postal_code' }),
    ),
  country: z
    .string()
    .transform((s) => s.trim().toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, { error: 'invalid_value' }))
    .default('US'),
  comment: comment.optional(),
  subscribe: z.boolean().default(false),
  locale: z.enum(['en', 'es']).default('en'),
  source: attribution(/^[\w.:-]{1,100}$/),
  referrerCode: attribution(/^[A-Za-z0-9_-]{6,32}$/),
  /** The code of an event sign-up link (issue 15); an unknown, expired or revoked one changes nothing. */
  eventCode: attribution(/^[A-Za-z0-9_-]{8,32}$/),
});

export type SignatureInput = z.input<typeof signatureInputSchema>;
export type ValidSignature = z.output<typeof signatureInputSchema>;

const FIELD_ERROR_KEYS = new Set<FieldErrorKey>([
  'required',
  'too_long',
  'invalid_email',
  'invalid_postal_code',
  'invalid_characters',
  'invalid_value',
]);

/** zod issues → { fieldPath: messageKey } (first issue per field wins). */
export function fieldErrorsFrom(error: z.ZodError): Record<string, FieldErrorKey> {
  const fields: Record<string, FieldErrorKey> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || '_';
    if (fields[path]) continue;
    const key = FIELD_ERROR_KEYS.has(issue.message as FieldErrorKey)
      ? (issue.message as FieldErrorKey)
      : issue.code === 'invalid_type' && issue.input === undefined
        ? 'required'
        : 'invalid_value';
    fields[path] = key;
  }
  return fields;
}
