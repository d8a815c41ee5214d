import type { Metadata } from 'next';
import { getDb } from '@undersigned/db';
import { ReviewQueue } from '@/components/review/review-queue';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';
import { reviewQuerySchema } from '@/server/review-query';

export const metadata: Metadata = { title: 'Review' };

/** One campaign's review queue (signature.review). */
export default async function CampaignReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requireStaff('signature.review');
  const campaign = await loadCampaign((await params).id);
  const q = reviewQuerySchema.parse(await searchParams);
  return <ReviewQueue db={getDb()} q={q} campaignId={campaign.id} base={`/campaigns/${campaign.id}/review`} tz={staffEnv().STAFF_TIME_ZONE} />;
}
