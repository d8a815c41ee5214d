import type { CampaignPageProps } from '@/views/campaign-page';
import { EmbedPage, embedMetadata } from '@/views/embed-page';

export const metadata = embedMetadata();

export default function Page(props: CampaignPageProps) {
  return <EmbedPage locale="es" {...props} />;
}
