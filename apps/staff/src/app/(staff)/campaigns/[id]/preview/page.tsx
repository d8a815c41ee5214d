import type { Metadata } from 'next';
import { Alert } from '@undersigned/ui';
import { targetDisplayName } from '@undersigned/core';
import { LetterPreview } from '@/components/campaign-editor/letter-preview';
import { requireStaff } from '@/server/current-staff';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Preview' };

export default async function PreviewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ locale?: string }> }) {
  await requireStaff('campaign.read');
  const campaign = await loadCampaign((await params).id);
  const { locale: requested } = await searchParams;
  const locale = requested === 'es' ? 'es' : requested === 'en' ? 'en' : campaign.defaultLocale;
  const text = campaign[locale] ?? campaign[campaign.defaultLocale];
  return (
    <div className="space-y-4">
      <Alert tone="info" title="Preview">
        This is how the public page shows the campaign text. {campaign.status === 'draft' ? 'It is a draft: the public cannot see it yet.' : null}{' '}
        <a className="font-medium underline" href={`?locale=${locale === 'en' ? 'es' : 'en'}`}>
          {locale === 'en' ? 'Ver en español' : 'View in English'}
        </a>
      </Alert>
      <div className="overflow-hidden rounded-lg border border-slate-200 shadow-sm">
        <LetterPreview
          locale={locale}
          title={text?.title ?? ''}
          ask={text?.ask ?? ''}
          body={text?.body ?? ''}
          targets={campaign.targets.map((t) => targetDisplayName(t.target))}
          sources={campaign.sources}
        />
      </div>
    </div>
  );
}
