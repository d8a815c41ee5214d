import type { Metadata } from 'next';
import { cache } from 'react';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import {
  getCampaignTimeline,
  getPublishedCampaign,
  listPublicResponses,
  listRecentSigners,
  SLUG_PATTERN,
  type PublicCampaign,
} from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { formatNumber, getDictionary, localePrefix, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { SignForm } from '@/components/sign-form';
import { LiveCount } from '@/components/live-count';
import { ShareLinks } from '@/components/share-links';
import { CampaignTimelineSection, TargetResponses } from '@/components/campaign-outcomes';
import { renderCampaignMarkdown } from '@undersigned/ui';
import { petitionPath, petitionUrl } from '@/server/urls';

export interface CampaignPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/**
 * How the campaign page is cached (issue 6): rendered once, kept as static HTML, and rebuilt in the
 * background at most every REVALIDATE_SECONDS when visited (ISR). Every visitor gets the same HTML,
 * so rendering reads nothing per visitor (no searchParams, headers or cookies): attribution in
 * `?source=`/`?ref=`/`?event=` is filled in by the form's script, or read from the Referer without JavaScript;
 * the count is refreshed in the browser by LiveCount. Publishing, closing or unpublishing shows
 * within the same window (the staff app is another process), and so does a target's response
 * recorded in the staff app, with the timeline (e2e/web-page-cache.spec.ts). The window itself, `revalidate = 5`,
 * is declared in the route files, where Next requires a literal.
 */

export async function loadCampaign(slug: string, locale: Locale): Promise<PublicCampaign> {
  await connection();
  const campaign = SLUG_PATTERN.test(slug) ? await getPublishedCampaign(getDb(), slug, locale) : null;
  if (!campaign) notFound();
  return campaign;
}

/** The campaign for the cached page and its metadata: one read per render, no request data. */
export const loadPublished = cache(async (slug: string, locale: Locale) =>
  SLUG_PATTERN.test(slug) ? getPublishedCampaign(getDb(), slug, locale) : null,
);

export async function campaignMetadata(slug: string, locale: Locale): Promise<Metadata> {
  const campaign = await loadPublished(slug, locale);
  if (!campaign) return {};
  const description = campaign.summary ?? campaign.ask.slice(0, 200);
  const image = `/og/petitions/${slug}?locale=${locale}`;
  return {
    title: campaign.title,
    description,
    alternates: {
      canonical: petitionPath(slug, locale),
      languages: { en: petitionPath(slug, 'en'), es: petitionPath(slug, 'es') },
    },
    openGraph: {
      type: 'website',
      title: campaign.title,
      description,
      images: [{ url: image, width: 1200, height: 630 }],
      locale: locale === 'es' ? 'es_US' : 'en_US',
    },
    twitter: { card: 'summary_large_image', title: campaign.title, description, images: [image] },
  };
}

export async function CampaignPage({ locale, params }: { locale: Locale; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const campaign = await loadPublished(slug, locale);
  if (!campaign) notFound();
  const t = getDictionary(locale);
  const [signers, responses, timeline] = await Promise.all([
    campaign.showRecentSigners ? listRecentSigners(getDb(), campaign.id, 8) : [],
    listPublicResponses(getDb(), campaign.id, locale),
    getCampaignTimeline(getDb(), campaign.id, { locale }),
  ]);
  const targets = campaign.targets.map((x) => x.displayName).join(', ');
  const open = campaign.status === 'published';
  const letterHtml = renderCampaignMarkdown(campaign.body, t.campaign.sourceRef);
  const altHref = petitionPath(slug, locale === 'en' ? 'es' : 'en');

  return (
    <PageFrame locale={locale} altHref={altHref}>
      <article className="mx-auto grid max-w-6xl grid-cols-1 gap-x-10 px-4 pt-6 lg:grid-cols-[minmax(0,1fr)_24rem] lg:pt-10">
        <header className="lg:col-start-1">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
            {t.campaign.petitionTo} {targets}
          </p>
          <h1 className="mt-2 text-3xl font-extrabold leading-tight tracking-tight sm:text-4xl">{campaign.title}</h1>
        </header>

        <section aria-labelledby="ask-heading" className="mt-6 lg:col-start-1">
          <h2 id="ask-heading" className="text-sm font-semibold text-muted">
            {t.campaign.theAsk}
          </h2>
          <blockquote className="mt-2 border-l-4 border-brand-700 bg-white py-4 pr-4 pl-5 font-serif text-xl leading-relaxed shadow-sm">
            <p>{campaign.ask}</p>
          </blockquote>
        </section>

        <TargetResponses responses={responses} locale={locale} />

        <aside aria-label={open ? t.form.heading : t.campaign.closedTitle} className="mt-8 lg:col-start-2 lg:row-span-6 lg:row-start-1 lg:mt-0">
          <div className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm lg:sticky lg:top-6">
            <LiveCount slug={slug} count={campaign.count} goal={campaign.goal} locale={locale} renderedAt={Date.now()} />
            {open ? (
              <div className="mt-5" id="sign">
                <h2 className="mb-3 text-xl font-bold">{t.form.heading}</h2>
                <SignForm slug={slug} locale={locale} variant="page" t={t.form} />
              </div>
            ) : (
              <ClosedNotice campaign={campaign} locale={locale} />
            )}
          </div>
        </aside>

        <section aria-labelledby="letter-heading" className="mt-10 lg:col-start-1">
          <h2 id="letter-heading" className="text-2xl font-bold">
            {t.campaign.letter}
          </h2>
          <div className="prose-letter" dangerouslySetInnerHTML={{ __html: letterHtml }} />
        </section>

        {campaign.sources.length > 0 ? (
          <section aria-labelledby="sources-heading" className="mt-8 lg:col-start-1">
            <h2 id="sources-heading" className="text-lg font-bold">
              {t.campaign.sources}
            </h2>
            <ol className="mt-3 list-decimal space-y-2 pl-6 text-sm text-muted">
              {campaign.sources.map((s) => (
                <li key={s.position} id={`source-${s.position}`} value={s.position} className="scroll-mt-6">
                  {s.url ? (
                    <a href={s.url} rel="noopener noreferrer nofollow" className="text-ink underline underline-offset-2">
                      {s.citation}
                    </a>
                  ) : (
                    s.citation
                  )}{' '}
                  <a href={`#ref-${s.position}`} className="text-brand-700 underline underline-offset-2" aria-label={t.campaign.backToRef}>
                    ↩
                  </a>
                </li>
              ))}
            </ol>
          </section>
        ) : null}

        <CampaignTimelineSection timeline={timeline} locale={locale} />

        <div className="mt-10 grid gap-10 lg:col-start-1 sm:grid-cols-2">
          {signers.length > 0 ? (
            <section aria-labelledby="signers-heading">
              <h2 id="signers-heading" className="text-lg font-bold">
                {t.campaign.recentSigners}
              </h2>
              <ul className="mt-3 space-y-1.5 text-sm" data-testid="recent-signers">
                {signers.map((s, i) => (
                  <li key={i}>{s.city ? t.campaign.signedFrom(s.name, s.city) : s.name}</li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="share-heading">
            <h2 id="share-heading" className="text-lg font-bold">
              {t.campaign.share}
            </h2>
            <ShareLinks
              url={petitionUrl(slug, locale)}
              title={campaign.title}
              message={t.thanks.shareMessage(campaign.title)}
              t={shareStrings(t)}
              compact
            />
          </section>
        </div>
      </article>
    </PageFrame>
  );
}

export function shareStrings(t: ReturnType<typeof getDictionary>) {
  return {
    copyLink: t.thanks.copyLink,
    copied: t.thanks.copied,
    emailShare: t.thanks.emailShare,
    whatsapp: t.thanks.whatsapp,
    x: t.thanks.x,
    facebook: t.thanks.facebook,
    shareLinkLabel: t.thanks.shareLinkLabel,
  };
}

function ClosedNotice({ campaign, locale }: { campaign: PublicCampaign; locale: Locale }) {
  const t = getDictionary(locale);
  const victory = campaign.status === 'victory';
  return (
    <div className="mt-5" data-testid="closed-notice">
      <h2 className={`text-xl font-bold ${victory ? 'text-green-800' : ''}`}>{victory ? t.campaign.victoryTitle : t.campaign.closedTitle}</h2>
      <p className="mt-2">{victory ? (campaign.victoryMessage ?? t.campaign.victoryBody) : t.campaign.closedBody}</p>
      <p className="mt-2 font-semibold">{t.campaign.finalCount(formatNumber(campaign.count, locale))}</p>
      <p className="mt-4">
        <a href={localePrefix(locale) || '/'} className="font-semibold text-brand-700 underline underline-offset-2">
          {t.campaign.backHome}
        </a>
      </p>
    </div>
  );
}
