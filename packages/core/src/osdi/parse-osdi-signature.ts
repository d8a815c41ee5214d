import { z } from 'zod';
import { fieldErrorsFrom, type FieldErrorKey, type SignatureInput } from '../signatures/signature-input';

/**
 * The OSDI record-signature helper body (as Action Network accepts it). Only shape is checked
 * here; the field rules themselves are signatureInputSchema's, applied by signPetition.
 */
export const osdiSignatureSchema = z.object({
  person: z.object({
    given_name: z.string({ error: 'required' }),
    family_name: z.string({ error: 'required' }),
    email_addresses: z.array(z.object({ address: z.string({ error: 'required' }) }), { error: 'required' }).min(1, { error: 'required' }),
    postal_addresses: z
      .array(
        z.object({
          postal_code: z.string({ error: 'required' }),
          locality: z.string().optional(),
          region: z.string().optional(),
          country: z.string().optional(),
        }),
        { error: 'required' },
      )
      .min(1, { error: 'required' }),
    languages_spoken: z.array(z.string()).optional(),
  }),
  comments: z.string().optional(),
  add_to_list: z.boolean().optional(),
  referrer_data: z.object({ source: z.string().optional(), referrer: z.string().optional() }).optional(),
});

/** signatureInputSchema paths → OSDI body paths, for 400 `fields`. */
const OSDI_PATH: Record<string, string> = {
  givenName: 'person.given_name',
  familyName: 'person.family_name',
  email: 'person.email_addresses[0].address',
  postalCode: 'person.postal_addresses[0].postal_code',
  country: 'person.postal_addresses[0].country',
  comment: 'comments',
  subscribe: 'add_to_list',
};

export function osdiFieldPath(inputPath: string): string {
  return OSDI_PATH[inputPath] ?? inputPath;
}

export type OsdiParseResult = { ok: true; input: SignatureInput } | { ok: false; fields: Record<string, FieldErrorKey> };

/** OSDI JSON → our SignatureInput, or field errors keyed by OSDI path. Pure. */
export function parseOsdiSignature(body: unknown, locale: 'en' | 'es' = 'en'): OsdiParseResult {
  const parsed = osdiSignatureSchema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, FieldErrorKey> = {};
    for (const [path, key] of Object.entries(fieldErrorsFrom(parsed.error))) {
      fields[path.replace(/\.(\d+)(?=\.|$)/g, '[$1]')] = key;
    }
    return { ok: false, fields };
  }
  const { person, comments, referrer_data: referrer } = parsed.data;
  const postal = person.postal_addresses[0]!;
  const spoken = person.languages_spoken?.[0]?.toLowerCase();
  return {
    ok: true,
    input: {
      givenName: person.given_name,
      familyName: person.family_name,
      email: person.email_addresses[0]!.address,
      postalCode: postal.postal_code,
      ...(postal.country ? { country: postal.country } : {}),
      comment: comments ?? '',
      subscribe: parsed.data.add_to_list ?? false,
      locale: spoken === 'es' ? 'es' : spoken === 'en' ? 'en' : locale,
      ...(referrer?.source ? { source: referrer.source } : {}),
      ...(referrer?.referrer ? { referrerCode: referrer.referrer } : {}),
    },
  };
}
