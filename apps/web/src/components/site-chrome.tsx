import type { ReactNode } from 'react';
import { getDictionary, localePrefix, type Locale } from '@/i18n';

/** Header with the site name and the switch to the same page in the other language. */
export function SiteHeader({ locale, altHref }: { locale: Locale; altHref: string }) {
  const t = getDictionary(locale);
  const other: Locale = locale === 'en' ? 'es' : 'en';
  return (
    <header className="border-b border-stone-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        {t.skipToContent}
      </a>
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
        {/* A plain link, not next/link: <Link> prefetches the home page's RSC for every visitor of every
            page (answered private, no-store: rendered each time, never cached) and ships the router's
            link code, for a click few make. A full load of the cached home page is as fast. */}
        <a href={localePrefix(locale) || '/'} className="flex items-center gap-2 text-lg font-extrabold tracking-tight text-ink">
          <span aria-hidden="true" className="inline-block size-6 rounded-sm bg-brand-700" />
          {t.siteName}
        </a>
        <a
          href={altHref}
          hrefLang={other}
          lang={other}
          className="text-sm font-semibold text-brand-700 underline underline-offset-2"
          aria-label={t.languageSwitchLabel}
        >
          {t.languageSwitch}
        </a>
      </div>
    </header>
  );
}

export function SiteFooter({ locale }: { locale: Locale }) {
  const t = getDictionary(locale);
  return (
    <footer className="mt-16 border-t border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 px-4 py-8 text-sm text-muted">
        <p>{t.footer.about}</p>
        <a href={`${localePrefix(locale)}/privacy`} className="text-ink underline underline-offset-2">
          {t.footer.privacy}
        </a>
      </div>
    </footer>
  );
}

export function PageFrame({ locale, altHref, children }: { locale: Locale; altHref: string; children: ReactNode }) {
  return (
    <>
      <SiteHeader locale={locale} altHref={altHref} />
      <main id="main" tabIndex={-1} className="flex-1 outline-none">
        {children}
      </main>
      <SiteFooter locale={locale} />
    </>
  );
}
