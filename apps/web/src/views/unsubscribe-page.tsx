import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getUnsubscribeState, unsubscribeTokenSchema, verifyUnsubscribeToken } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { getDictionary, localePrefix, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';
import { webEnv } from '@/server/env';
import { petitionPath } from '@/server/urls';

export interface UnsubscribePageProps {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export function unsubscribeMetadata(locale: Locale): Metadata {
  // The token is a credential: never sent on as a Referer, never indexed.
  return { title: getDictionary(locale).unsubscribe.title, robots: { index: false }, referrer: 'no-referrer' };
}

const button = 'rounded-md bg-brand-700 px-6 py-3.5 text-lg font-bold text-white shadow hover:bg-brand-800';

/**
 * `/unsubscribe/{token}` from an update's footer and List-Unsubscribe header. A GET only shows the
 * campaign, a choice (this campaign / all updates) and one button — mail scanners follow GET links
 * and must not unsubscribe anyone; the button POSTs (no JavaScript needed), and so does a mail
 * client's one-click unsubscribe (src/server/unsubscribe-endpoint.ts). Never shows the address.
 */
export async function UnsubscribePage({ locale, params, searchParams }: UnsubscribePageProps & { locale: Locale }) {
  const { token } = await params;
  const done = (await searchParams).done;
  const valid = unsubscribeTokenSchema.safeParse(token);
  const subject = valid.success ? verifyUnsubscribeToken(valid.data, webEnv().CONFIRM_TOKEN_SECRET) : null;
  if (!subject) notFound();
  const state = await getUnsubscribeState(getDb(), subject, locale, webEnv().CONFIRM_TOKEN_SECRET);
  const t = getDictionary(locale).unsubscribe;
  const other: Locale = locale === 'en' ? 'es' : 'en';
  const altHref = `${localePrefix(other)}/unsubscribe/${token}`;
  const title = state.campaignTitle;
  const backLink = state.campaignSlug ? (
    <p className="mt-8">
      <a href={petitionPath(state.campaignSlug, locale)} className="font-semibold text-brand-700 underline underline-offset-2">
        {t.backToPetition}
      </a>
    </p>
  ) : null;

  let content;
  if (!state.personExists) {
    content = (
      <div data-testid="unsubscribe-nothing">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.nothingTitle}</h1>
        <p className="mt-4 text-lg">{t.nothingBody}</p>
      </div>
    );
  } else if ((done === 'all' && state.unsubscribedFromAll) || (done === 'campaign' && state.unsubscribedFromCampaign)) {
    content = (
      <div data-testid="unsubscribe-done" role="status">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.doneTitle}</h1>
        <p className="mt-4 text-lg">{done === 'all' || !title ? t.doneAll : t.doneCampaign(title)}</p>
        <p className="mt-4 text-muted">{t.resubscribe}</p>
      </div>
    );
  } else if (state.unsubscribedFromAll) {
    content = (
      <div data-testid="unsubscribe-already">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.doneTitle}</h1>
        <p className="mt-4 text-lg">{t.alreadyAll}</p>
        <p className="mt-4 text-muted">{t.resubscribe}</p>
      </div>
    );
  } else {
    const campaignDone = state.unsubscribedFromCampaign;
    content = (
      <form method="post" action={`${localePrefix(locale)}/unsubscribe/${token}`} data-testid="unsubscribe-form">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.title}</h1>
        <p className="mt-4 text-lg">{title ? t.lead(title) : t.leadNoCampaign}</p>
        {campaignDone && title ? <p className="mt-4 font-semibold">{t.alreadyCampaign(title)}</p> : null}
        <fieldset className="mt-6 space-y-3">
          <legend className="mb-2 font-bold">{t.choiceLegend}</legend>
          {campaignDone ? null : (
            <label className="flex items-start gap-3 rounded-md border border-stone-300 bg-white p-3">
              <input type="radio" name="choice" value="campaign" defaultChecked className="mt-1 size-5 accent-brand-700" />
              <span>{title ? t.choiceCampaign(title) : t.choiceCampaignNoTitle}</span>
            </label>
          )}
          <label className="flex items-start gap-3 rounded-md border border-stone-300 bg-white p-3">
            <input type="radio" name="choice" value="all" defaultChecked={campaignDone} className="mt-1 size-5 accent-brand-700" />
            <span>{t.choiceAll}</span>
          </label>
        </fieldset>
        <button type="submit" className={`mt-6 ${button}`}>
          {t.button}
        </button>
      </form>
    );
  }
  return (
    <PageFrame locale={locale} altHref={altHref}>
      <div className="mx-auto max-w-2xl px-4 py-10">
        {content}
        {backLink}
      </div>
    </PageFrame>
  );
}

/** A token that is not one of ours (damaged, forged, another install's): 404, in the page's language. */
export function UnsubscribeInvalid({ locale }: { locale: Locale }) {
  const t = getDictionary(locale).unsubscribe;
  return (
    <PageFrame locale={locale} altHref={locale === 'en' ? '/es' : '/'}>
      <div className="mx-auto max-w-2xl px-4 py-10" role="alert" data-testid="unsubscribe-invalid">
        <h1 className="text-3xl font-extrabold tracking-tight">{t.invalidTitle}</h1>
        <p className="mt-4 text-lg">{t.invalidBody}</p>
      </div>
    </PageFrame>
  );
}
