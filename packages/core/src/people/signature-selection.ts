import { z } from 'zod';
import { Prisma } from '@undersigned/db';

/**
 * Which signatures of a campaign a moderation or a search applies to. Bulk selections need at
 * least one narrowing criterion (ids, IP hash, email domain or a time window).
 */
export const signatureSelectionSchema = z
  .object({
    campaignId: z.number().int().positive(),
    ids: z.array(z.coerce.bigint()).max(1000).optional(),
    ipHash: z
      .string()
      .regex(/^[0-9a-f]{16,64}$/i, 'invalid_ip_hash')
      .optional(),
    emailDomain: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'invalid_domain')
      .optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    /** Only these statuses (default: all). */
    statuses: z.array(z.enum(['pending', 'confirmed', 'fraudulent', 'invalidated'])).optional(),
  })
  .refine((s) => Boolean(s.ids?.length || s.ipHash || s.emailDomain || s.from || s.to), {
    message: 'selection_too_broad',
    path: ['selection'],
  });

export type SignatureSelection = z.input<typeof signatureSelectionSchema>;
export type ValidSignatureSelection = z.output<typeof signatureSelectionSchema>;

/** SQL condition over `signature s JOIN person p` for a validated selection. */
export function signatureSelectionSql(sel: ValidSignatureSelection): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`s.campaign_id = ${sel.campaignId}`];
  if (sel.ids?.length) parts.push(Prisma.sql`s.id = ANY(${sel.ids}::bigint[])`);
  if (sel.ipHash) parts.push(Prisma.sql`s.ip_hash = ${sel.ipHash.toLowerCase()}`);
  if (sel.emailDomain) parts.push(Prisma.sql`split_part(p.canonical_email, '@', 2) = ${sel.emailDomain}`);
  if (sel.from) parts.push(Prisma.sql`s.created_at >= ${sel.from}`);
  if (sel.to) parts.push(Prisma.sql`s.created_at < ${sel.to}`);
  if (sel.statuses?.length) parts.push(Prisma.sql`s.status::text = ANY(${sel.statuses}::text[])`);
  return Prisma.join(parts, ' AND ');
}
