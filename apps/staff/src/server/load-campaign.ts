import { cache } from 'react';
import { notFound } from 'next/navigation';
import { getCampaignForStaff } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { recordIdSchema } from './record-id';

/** The campaign for /campaigns/[id]/… pages (memoised per request); 404 for bad or unknown ids. */
export const loadCampaign = cache(async (rawId: string) => {
  const id = recordIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const campaign = await getCampaignForStaff(getDb(), id.data);
  if (!campaign) notFound();
  return campaign;
});
