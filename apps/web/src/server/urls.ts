import { localePrefix, type Locale } from '@/i18n';
import { webEnv } from './env';

export function petitionPath(slug: string, locale: Locale): string {
  return `${localePrefix(locale)}/petitions/${slug}`;
}

/** Absolute URL of a petition, optionally carrying a referral code and a source. */
export function petitionUrl(slug: string, locale: Locale, params: { ref?: string; source?: string } = {}): string {
  const url = new URL(petitionPath(slug, locale), webEnv().PUBLIC_WEB_URL);
  if (params.ref) url.searchParams.set('ref', params.ref);
  if (params.source) url.searchParams.set('source', params.source);
  return url.toString();
}

/** First string value of a search parameter, if it is a plausible token. */
export function searchToken(value: string | string[] | undefined, pattern: RegExp): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && pattern.test(v) ? v : undefined;
}

export { EVENT_PATTERN, REF_PATTERN, SOURCE_PATTERN } from '@/components/attribution-patterns';
