import { connection } from 'next/server';
import { getDb } from '@undersigned/db';
import { getDictionary, type Locale } from '@/i18n';
import { createReadCache, listPublishedCampaigns } from '@undersigned/core';
import { PageFrame } from '@/components/site-chrome';
import { Thermometer } from '@/components/thermometer';
import { petitionPath } from '@/server/urls';

/**
 * The listing, read from Postgres at most once per 5 s per process and language: under load the
 * home page costs no database work per request, and counts are as fresh as the campaign pages'.
 */
const listing = createReadCache<Awaited<ReturnType<typeof listPublishedCampaigns>>>(5_000, 4);

/** Published campaigns, most active first, each with its targets, count and progress. */
export async function HomePage({ locale }: { locale: Locale }) {
  await connection();
  const t = getDictionary(locale);
  const { items } = await listing(locale, () => listPublishedCampaigns(getDb(), { locale, order: 'active', perPage: 50 }));
  return (
    <PageFrame locale={locale} altHref={locale === 'en' ? '/es' : '/'}>
      <div className="mx-auto max-w-4xl px-4 py-8 sm:py-12">
        <h1 className="text-3xl font-extrabold tracking-tight sm:text-4xl">{t.home.title}</h1>
        <p className="mt-3 max-w-2xl text-lg text-muted">{t.home.intro}</p>
        {items.length === 0 ? (
          <p className="mt-10 text-lg">{t.home.empty}</p>
        ) : (
          <ul className="mt-8 space-y-5" data-testid="campaign-list">
            {items.map((c) => (
              <li key={c.id} className="rounded-xl border border-stone-200 bg-white p-5 shadow-sm">
                <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">
                  {t.home.petitionTo} {c.targets.map((x) => x.displayName).join(', ')}
                </p>
                <h2 className="mt-1 text-xl font-bold leading-snug sm:text-2xl">
                  <a href={petitionPath(c.slug, locale)} className="hover:underline">
                    {c.title}
                  </a>
                </h2>
                {c.summary ? <p className="mt-2 text-muted">{c.summary}</p> : null}
                <div className="mt-4">
                  <Thermometer count={c.count} goal={c.goal} locale={locale} compact />
                </div>
                <p className="mt-4">
                  <a
                    href={petitionPath(c.slug, locale)}
                    className="inline-block rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800"
                    aria-label={`${t.home.readAndSign}: ${c.title}`}
                  >
                    {t.home.readAndSign}
                  </a>
                </p>
              </li>
            ))}
          </ul>
        )}
      </div>
    </PageFrame>
  );
}
