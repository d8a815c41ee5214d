import type { Metadata } from 'next';
import { formatNumber, getDictionary, type Locale } from '@/i18n';
import { SignForm } from '@/components/sign-form';
import { Thermometer } from '@/components/thermometer';
import { EVENT_PATTERN, petitionPath, REF_PATTERN, searchToken, SOURCE_PATTERN } from '@/server/urls';
import { loadCampaign, type CampaignPageProps } from './campaign-page';

export function embedMetadata(): Metadata {
  return { robots: { index: false } };
}

/** The compact sign widget partner sites put in an iframe (framing is allowed only here). */
export async function EmbedPage({ locale, params, searchParams }: CampaignPageProps & { locale: Locale }) {
  const { slug } = await params;
  const query = await searchParams;
  const campaign = await loadCampaign(slug, locale);
  const t = getDictionary(locale);
  const signed = searchToken(query.signed, REF_PATTERN);
  const open = campaign.status === 'published';
  const full = petitionPath(slug, locale);
  return (
    <main className="mx-auto w-full max-w-md flex-1 bg-white p-4">
      <h1 className="text-lg font-bold leading-snug">{campaign.title}</h1>
      <p className="mt-1 text-sm text-muted">
        {t.campaign.petitionTo} {campaign.targets.map((x) => x.displayName).join(', ')}
      </p>
      <div className="mt-3">
        <Thermometer count={campaign.count} goal={campaign.goal} locale={locale} compact />
      </div>
      <div className="mt-4">
        {signed ? (
          <div role="status" data-testid="embed-thanks">
            <h2 className="text-lg font-bold">{campaign.requireConfirmation ? t.thanks.pendingTitle : t.embed.signedTitle}</h2>
            <p className="mt-1 text-sm">
              {campaign.requireConfirmation ? t.thanks.pendingBody : t.thanks.countNow(formatNumber(campaign.count, locale))}
            </p>
            <p className="mt-2 text-sm">
              <a href={`${full}?ref=${signed}&source=embed`} target="_blank" rel="noopener" className="font-semibold text-brand-700 underline">
                {t.campaign.share}
              </a>
            </p>
          </div>
        ) : open ? (
          <SignForm
            slug={slug}
            locale={locale}
            variant="embed"
            t={t.form}
            source={searchToken(query.source, SOURCE_PATTERN) ?? 'embed'}
            referrer={searchToken(query.ref, REF_PATTERN)}
            event={searchToken(query.event, EVENT_PATTERN)}
          />
        ) : (
          <p className="font-semibold">{campaign.status === 'victory' ? t.campaign.victoryTitle : t.campaign.closedTitle}</p>
        )}
      </div>
      <p className="mt-4 text-sm">
        <a href={full} target="_blank" rel="noopener" className="text-brand-700 underline underline-offset-2">
          {t.embed.poweredBy}
        </a>
      </p>
    </main>
  );
}
