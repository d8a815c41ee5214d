import type { Metadata } from 'next';
import { CampaignPage, campaignMetadata, type CampaignPageProps } from '@/views/campaign-page';

export async function generateMetadata({ params }: CampaignPageProps): Promise<Metadata> {
  return campaignMetadata((await params).slug, 'en');
}

export default function Page(props: CampaignPageProps) {
  return <CampaignPage locale="en" {...props} />;
}
