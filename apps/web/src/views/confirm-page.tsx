import type { Metadata } from 'next';
import { getDictionary, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { ConfirmForm } from '@/components/confirm-form';
import { petitionPath } from '@/server/urls';
import { loadCampaign, type CampaignPageProps } from './campaign-page';

export function confirmMetadata(locale: Locale): Metadata {
  return { title: getDictionary(locale).confirm.title, robots: { index: false }, referrer: 'no-referrer' };
}

/** The emailed link lands here. GET only shows a button; confirming takes a POST. */
export async function ConfirmPage({ locale, params, searchParams }: CampaignPageProps & { locale: Locale }) {
  const { slug } = await params;
  const raw = (await searchParams).token;
  const token = typeof raw === 'string' ? raw : '';
  const campaign = await loadCampaign(slug, locale);
  const t = getDictionary(locale);
  const altHref = `${petitionPath(slug, locale === 'en' ? 'es' : 'en')}/confirm?token=${encodeURIComponent(token)}`;
  return (
    <PageFrame locale={locale} altHref={altHref}>
      <div className="mx-auto max-w-2xl px-4 py-10">
        <p className="mb-2 text-sm font-semibold uppercase tracking-wide text-brand-700">{campaign.title}</p>
        {token ? (
          <ConfirmForm token={token} t={t.confirm} unavailable={t.form.unavailable} />
        ) : (
          <div role="alert">
            <h1 className="text-3xl font-extrabold tracking-tight">{t.confirm.invalidTitle}</h1>
            <p className="mt-4 text-lg">{t.confirm.invalidBody}</p>
          </div>
        )}
        <p className="mt-8">
          <a href={petitionPath(slug, locale)} className="font-semibold text-brand-700 underline underline-offset-2">
            {t.thanks.back}
          </a>
        </p>
      </div>
    </PageFrame>
  );
}
