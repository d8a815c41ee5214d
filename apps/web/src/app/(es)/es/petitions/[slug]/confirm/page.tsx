import type { CampaignPageProps } from '@/views/campaign-page';
import { ConfirmPage, confirmMetadata } from '@/views/confirm-page';

export const metadata = confirmMetadata('es');

export default function Page(props: CampaignPageProps) {
  return <ConfirmPage locale="es" {...props} />;
}
