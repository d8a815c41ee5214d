import type { Metadata } from 'next';
import { CampaignPage, campaignMetadata } from '@/views/campaign-page';

// Cached for every visitor and rebuilt in the background at most every 5 s (see
// views/campaign-page.tsx). No campaign is rendered at build time: each is rendered on its first
// visit, then served from the cache.
export const revalidate = 5;
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return campaignMetadata((await params).slug, 'es');
}

export default function Page({ params }: Props) {
  return <CampaignPage locale="es" params={params} />;
}
