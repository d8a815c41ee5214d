import type { Metadata } from 'next';
import { formatNumber, getDictionary, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { ShareLinks } from '@/components/share-links';
import { petitionPath, petitionUrl, REF_PATTERN, searchToken } from '@/server/urls';
import { loadCampaign, shareStrings, type CampaignPageProps } from './campaign-page';

export function thanksMetadata(locale: Locale): Metadata {
  return { title: getDictionary(locale).thanks.title, robots: { index: false } };
}

/** After signing: the new count and share links carrying the signer's referral code. */
export async function ThanksPage({ locale, params, searchParams }: CampaignPageProps & { locale: Locale }) {
  const { slug } = await params;
  const code = searchToken((await searchParams).code, REF_PATTERN);
  const campaign = await loadCampaign(slug, locale);
  const t = getDictionary(locale);
  const pending = campaign.requireConfirmation;
  const shareUrl = petitionUrl(slug, locale, code ? { ref: code } : {});
  const altHref = `${petitionPath(slug, locale === 'en' ? 'es' : 'en')}/thanks${code ? `?code=${code}` : ''}`;

  return (
    <PageFrame locale={locale} altHref={altHref}>
      <div className="mx-auto max-w-2xl px-4 py-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{campaign.title}</p>
        <h1 className="mt-2 text-3xl font-extrabold tracking-tight" data-testid="thanks-title">
          {pending ? t.thanks.pendingTitle : t.thanks.title}
        </h1>
        {pending ? <p className="mt-4 text-lg">{t.thanks.pendingBody}</p> : null}
        <p className="mt-4 text-lg" data-testid="thanks-count">
          {t.thanks.countNow(formatNumber(campaign.count, locale))}
        </p>
        <section aria-labelledby="share-heading" className="mt-8 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="share-heading" className="text-xl font-bold">
            {t.campaign.share}
          </h2>
          <p className="mt-2">{t.thanks.shareLead}</p>
          <ShareLinks url={shareUrl} title={campaign.title} message={t.thanks.shareMessage(campaign.title)} t={shareStrings(t)} />
        </section>
        <p className="mt-8">
          <a href={petitionPath(slug, locale)} className="font-semibold text-brand-700 underline underline-offset-2">
            {t.thanks.back}
          </a>
        </p>
      </div>
    </PageFrame>
  );
}
