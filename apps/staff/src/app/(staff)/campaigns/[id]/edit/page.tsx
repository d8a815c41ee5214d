import type { Metadata } from 'next';
import { targetDisplayName } from '@undersigned/core';
import { Card, CardBody, CardHeader } from '@undersigned/ui';
import { CampaignEditor } from '@/components/campaign-editor/campaign-editor';
import { ImageForm } from '@/components/image-form';
import { requireStaff } from '@/server/current-staff';
import { editorPayload } from '@/server/editor-payload';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Edit campaign' };

export default async function EditCampaignPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('campaign.edit');
  const campaign = await loadCampaign((await params).id);
  return (
    <div className="space-y-8">
      <Card>
        <CardHeader title="Image" description="Shown on the petition page and share cards." />
        <CardBody>
          <ImageForm campaignId={campaign.id} imageId={campaign.imageId} alt={campaign.image?.alt ?? null} />
        </CardBody>
      </Card>
      <CampaignEditor
        campaignId={campaign.id}
        initial={editorPayload(campaign)}
        slugLocked={campaign.status !== 'draft'}
        autosave={campaign.status === 'draft'}
        targetNames={campaign.targets.map((t) => targetDisplayName(t.target))}
      />
    </div>
  );
}
