import { z } from 'zod';
import { parseEnv } from '@undersigned/config/env';

export const emailEnvSchema = z.object({
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL'),
  /** "Name <address>" or a bare address. */
  MAIL_FROM: z.string().min(3).regex(/@/, 'must contain an email address'),
  PUBLIC_WEB_URL: z.url({ error: 'must be an absolute http(s) URL' }).transform((u) => u.replace(/\/+$/, '')),
});

export type EmailEnv = z.infer<typeof emailEnvSchema>;

let cached: EmailEnv | undefined;

export function emailEnv(source: Record<string, string | undefined> = process.env): EmailEnv {
  if (source !== process.env) return parseEnv(emailEnvSchema, source);
  cached ??= parseEnv(emailEnvSchema, source);
  return cached;
}
