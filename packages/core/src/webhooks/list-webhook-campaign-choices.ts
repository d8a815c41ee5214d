import type { Db } from '@undersigned/db';

export interface WebhookCampaignChoice {
  id: number;
  slug: string;
  title: string;
}

/** Every campaign (id, slug, title in its default language) for the endpoint form's campaign filter and the list's labels. */
export async function listWebhookCampaignChoices(db: Db): Promise<WebhookCampaignChoice[]> {
  const rows = await db.campaign.findMany({
    select: { id: true, slug: true, defaultLocale: true, translations: { select: { locale: true, title: true } } },
    orderBy: { id: 'desc' },
    take: 1000,
  });
  return rows.map((c) => ({
    id: c.id,
    slug: c.slug,
    title: (c.translations.find((t) => t.locale === c.defaultLocale) ?? c.translations[0])?.title ?? c.slug,
  }));
}
