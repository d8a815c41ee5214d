import type { Metadata } from 'next';
import { getDb } from '@undersigned/db';
import { PageHeader } from '@undersigned/ui';
import { ReviewQueue } from '@/components/review/review-queue';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { reviewQuerySchema } from '@/server/review-query';

export const metadata: Metadata = { title: 'Review' };

/** The review queue across every campaign (campaigners and admins: signature.review). */
export default async function ReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireStaff('signature.review');
  const q = reviewQuerySchema.parse(await searchParams);
  return (
    <>
      <PageHeader
        title="Review"
        description="Signatures the abuse rules held instead of counting. Approve the honest ones (they count at once and go out with the next delivery), reject the rest."
      />
      <ReviewQueue db={getDb()} q={q} base="/review" tz={staffEnv().STAFF_TIME_ZONE} />
    </>
  );
}
