import { z } from 'zod';
import { isPrintableText } from '../printable-text';

/**
 * A value for the block or allow list, as staff paste it. Staff never see raw IP addresses: an
 * `ip_hash` is the 64-hex HMAC copied from the trends or review pages (a raw address is refused).
 * An `email_domain` is a domain name such as `example.edu` (a leading `@` is dropped). Both are
 * stored lowercased, the way the sign path compares them.
 */
export const IP_HASH_PATTERN = /^[0-9a-f]{64}$/;

/** Labels of letters, digits and inner hyphens (punycode `xn--` included), a TLD of letters or punycode. */
const DOMAIN_PATTERN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

const ipHashValue = z.string().trim().toLowerCase().regex(IP_HASH_PATTERN, 'invalid_ip_hash');

const domainValue = z
  .string()
  .trim()
  .toLowerCase()
  .transform((s) => s.replace(/^@/, '').replace(/\.$/, ''))
  .pipe(z.string().regex(DOMAIN_PATTERN, 'invalid_domain'));

const note = z
  .string()
  .trim()
  .max(500, 'too_long')
  .refine(isPrintableText, 'invalid_characters')
  .optional()
  .transform((s) => (s ? s : null));

export const abuseListEntryInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ip_hash'), mode: z.enum(['block', 'allow']), value: ipHashValue, note }),
  z.object({ kind: z.literal('email_domain'), mode: z.enum(['block', 'allow']), value: domainValue, note }),
]);

export type AbuseListEntryInput = z.input<typeof abuseListEntryInputSchema>;
export type AbuseListKind = 'ip_hash' | 'email_domain';
export type AbuseListMode = 'block' | 'allow';
