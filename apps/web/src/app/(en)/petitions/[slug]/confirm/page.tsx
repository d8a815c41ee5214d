import type { CampaignPageProps } from '@/views/campaign-page';
import { ConfirmPage, confirmMetadata } from '@/views/confirm-page';

export const metadata = confirmMetadata('en');

export default function Page(props: CampaignPageProps) {
  return <ConfirmPage locale="en" {...props} />;
}
