import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { signatureSelectionSchema, signatureSelectionSql, type SignatureSelection } from './signature-selection';

export interface ModerationPreview {
  /** Signatures the selection matches that are not already fraudulent/invalidated. */
  matching: number;
  /** Of those, how many are counted now (the public count drops by this much). */
  counted: number;
  sample: { id: string; givenName: string; familyName: string; email: string; postalCode: string | null; status: string; createdAt: Date }[];
}

/** What a bulk "mark fraudulent / invalid" would change, before applying it. Writes nothing. */
export async function previewSignatureModeration(db: Db, selection: SignatureSelection): Promise<ModerationPreview> {
  const parsed = signatureSelectionSchema.safeParse(selection);
  if (!parsed.success) throw new AppError('validation', 'Choose what to select.', { selection: parsed.error.issues[0]?.message ?? 'invalid' });
  const where = signatureSelectionSql(parsed.data);
  const [totals] = await db.$queryRaw<{ matching: bigint; counted: bigint }[]>`
    SELECT count(*)::bigint AS matching, count(*) FILTER (WHERE s.status = 'confirmed')::bigint AS counted
    FROM signature s JOIN person p ON p.id = s.person_id
    WHERE ${where} AND s.status IN ('pending', 'confirmed')`;
  const sample = await db.$queryRaw<
    { id: bigint; given_name: string; family_name: string; email: string; postal_code: string | null; status: string; created_at: Date }[]
  >`
    SELECT s.id, s.given_name, s.family_name, p.email, s.postal_code, s.status::text AS status, s.created_at
    FROM signature s JOIN person p ON p.id = s.person_id
    WHERE ${where} AND s.status IN ('pending', 'confirmed')
    ORDER BY s.created_at DESC LIMIT 20`;
  return {
    matching: Number(totals?.matching ?? 0),
    counted: Number(totals?.counted ?? 0),
    sample: sample.map((r) => ({
      id: r.id.toString(),
      givenName: r.given_name,
      familyName: r.family_name,
      email: r.email,
      postalCode: r.postal_code,
      status: r.status,
      createdAt: r.created_at,
    })),
  };
}
