import type { CampaignPageProps } from '@/views/campaign-page';
import { ThanksPage, thanksMetadata } from '@/views/thanks-page';

export const metadata = thanksMetadata('es');

export default function Page(props: CampaignPageProps) {
  return <ThanksPage locale="es" {...props} />;
}
