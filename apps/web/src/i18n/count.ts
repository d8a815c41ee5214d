import type { Locale } from './index';

/**
 * The goal thermometer's words, apart from the dictionaries: LiveCount re-renders the count in the
 * browser, and importing en.ts/es.ts there shipped both whole dictionaries (13 KB) in the campaign
 * page's JavaScript. en.ts and es.ts spread these in, so each string has one home.
 */
export const countStrings = {
  en: {
    signatures: 'signatures',
    ofGoal: (count: string, goal: string) => `${count} of ${goal}`,
    goalLabel: (count: string, goal: string) => `${count} signatures of a goal of ${goal}`,
  },
  es: {
    signatures: 'firmas',
    ofGoal: (count: string, goal: string) => `${count} de ${goal}`,
    goalLabel: (count: string, goal: string) => `${count} firmas de una meta de ${goal}`,
  },
} satisfies Record<Locale, Record<string, unknown>>;

export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US').format(n);
}
