import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@undersigned/ui';
import { CampaignEditor } from '@/components/campaign-editor/campaign-editor';
import { NEW_CAMPAIGN } from '@/server/editor-payload';
import { requireStaff } from '@/server/current-staff';

export const metadata: Metadata = { title: 'New campaign' };

export default async function NewCampaignPage() {
  await requireStaff('campaign.create');
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/campaigns" className="hover:text-slate-800">
            Campaigns
          </Link>
        }
        title="New campaign"
        description="Write the ask and the letter, then attach targets and publish. It stays a draft until you publish it."
      />
      <CampaignEditor campaignId={null} initial={NEW_CAMPAIGN} slugLocked={false} targetNames={[]} />
    </>
  );
}
