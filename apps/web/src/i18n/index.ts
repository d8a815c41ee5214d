import { en, type Dictionary } from './en';
import { es } from './es';

export type Locale = 'en' | 'es';
export const LOCALES: readonly Locale[] = ['en', 'es'];

export function getDictionary(locale: Locale): Dictionary {
  return locale === 'es' ? es : en;
}

/** Path prefix for a locale: '' for English, '/es' for Spanish. */
export function localePrefix(locale: Locale): string {
  return locale === 'es' ? '/es' : '';
}

export { formatNumber } from './count';

export type { Dictionary };
