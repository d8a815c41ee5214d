import type { Metadata } from 'next';
import { targetDisplayName } from '@undersigned/core';
import { CampaignEditor } from '@/components/campaign-editor/campaign-editor';
import { requireStaff } from '@/server/current-staff';
import { editorPayload } from '@/server/editor-payload';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Edit campaign' };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('campaign.edit');
  const campaign = await loadCampaign((await params).id);
  return (
    <CampaignEditor
      campaignId={campaign.id}
      initial={editorPayload(campaign)}
      slugLocked={campaign.status !== 'draft'}
      targetNames={campaign.targets.map((t) => targetDisplayName(t.target))}
    />
  );
}
