import type { z } from 'zod';
import { AppError } from './errors';

/**
 * Parses staff input with a zod schema, or throws AppError `validation` with field path →
 * message key ('required' for a missing or mistyped field; 'form' for issues on the whole input).
 */
export function parseOrValidationError<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.') || 'form';
    fields[key] ??= issue.code === 'invalid_type' ? 'required' : issue.message;
  }
  throw new AppError('validation', 'Some fields need attention.', fields);
}
