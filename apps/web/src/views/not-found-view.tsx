import { getDictionary, localePrefix, type Locale } from '@/i18n';
import { PageFrame } from '@/components/site-chrome';

export function NotFoundView({ locale }: { locale: Locale }) {
  const t = getDictionary(locale);
  return (
    <PageFrame locale={locale} altHref={locale === 'en' ? '/es' : '/'}>
      <div className="mx-auto max-w-2xl px-4 py-16">
        <h1 className="text-3xl font-extrabold">{t.campaign.notFoundTitle}</h1>
        <p className="mt-4 text-lg text-muted">{t.campaign.notFoundBody}</p>
        <p className="mt-8">
          <a href={localePrefix(locale) || '/'} className="font-semibold text-brand-700 underline underline-offset-2">
            {t.campaign.backHome}
          </a>
        </p>
      </div>
    </PageFrame>
  );
}
