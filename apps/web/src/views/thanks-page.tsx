import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getDictionary, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { ThanksCount, ThanksShareLinks } from '@/components/thanks-live';
import { petitionPath, petitionUrl } from '@/server/urls';
import { loadPublished, shareStrings } from './campaign-page';

export function thanksMetadata(locale: Locale): Metadata {
  return { title: getDictionary(locale).thanks.title, robots: { index: false } };
}

/**
 * After signing: the new count and share links carrying the signer's referral code. Cached like the
 * campaign page (ISR, the same HTML for every signer, `revalidate = 5` in the route files): nothing
 * here reads the request. The share code in `?code=` reaches the share links in the browser
 * (ThanksShareLinks), and the count is brought up to date there (ThanksCount); without JavaScript
 * the share links carry no referral code and the count is the cached one.
 */
export async function ThanksPage({ locale, params }: { locale: Locale; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const campaign = await loadPublished(slug, locale);
  if (!campaign) notFound();
  const t = getDictionary(locale);
  const pending = campaign.requireConfirmation;
  const altHref = `${petitionPath(slug, locale === 'en' ? 'es' : 'en')}/thanks`;
  const [countBefore, countAfter] = t.thanks.countNow('\u0000').split('\u0000');

  return (
    <PageFrame locale={locale} altHref={altHref}>
      <div className="mx-auto max-w-2xl px-4 py-10">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{campaign.title}</p>
        <h1 className="mt-2 text-3xl font-extrabold tracking-tight" data-testid="thanks-title">
          {pending ? t.thanks.pendingTitle : t.thanks.title}
        </h1>
        {pending ? <p className="mt-4 text-lg">{t.thanks.pendingBody}</p> : null}
        <p className="mt-4 text-lg" data-testid="thanks-count">
          <ThanksCount
            slug={slug}
            count={campaign.count}
            numberLocale={locale === 'es' ? 'es-US' : 'en-US'}
            before={countBefore ?? ''}
            after={countAfter ?? ''}
          />
        </p>
        <section aria-labelledby="share-heading" className="mt-8 rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
          <h2 id="share-heading" className="text-xl font-bold">
            {t.campaign.share}
          </h2>
          <p className="mt-2">{t.thanks.shareLead}</p>
          <ThanksShareLinks
            url={petitionUrl(slug, locale)}
            title={campaign.title}
            message={t.thanks.shareMessage(campaign.title)}
            t={shareStrings(t)}
          />
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
