/**
 * The campaign text to show: in the reader's language when the campaign has it, else in the
 * campaign's default language, else whatever text it has (a campaign keeps at least one
 * translation, but a half-made draft may lack its default one). Undefined only without any.
 */
export function pickTranslation<T extends { locale: string }>(
  campaign: { defaultLocale: string; translations: readonly T[] },
  preferred?: string | null,
): T | undefined {
  const { translations } = campaign;
  return (
    (preferred ? translations.find((t) => t.locale === preferred) : undefined) ??
    translations.find((t) => t.locale === campaign.defaultLocale) ??
    translations[0]
  );
}
