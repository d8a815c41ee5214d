import { pickTranslation } from './pick-translation';

const en = { locale: 'en', title: 'Stand with immigrants' };
const es = { locale: 'es', title: 'Apoya a los inmigrantes' };

describe('pickTranslation', () => {
  it("takes the reader's language when the campaign has it", () => {
    expect(pickTranslation({ defaultLocale: 'en', translations: [en, es] }, 'es')).toBe(es);
  });

  it("falls back to the campaign's default language, not the first stored", () => {
    expect(pickTranslation({ defaultLocale: 'es', translations: [en, es] }, 'fr')).toBe(es);
    expect(pickTranslation({ defaultLocale: 'es', translations: [en, es] })).toBe(es);
  });

  it('takes any text when the default language has none, and nothing when there is none', () => {
    expect(pickTranslation({ defaultLocale: 'es', translations: [en] }, null)).toBe(en);
    expect(pickTranslation({ defaultLocale: 'en', translations: [] }, 'en')).toBeUndefined();
  });
});
