import type { CampaignStatus, Db, Prisma } from '@undersigned/db';
/** A campaign as the integration pages name it: title in the campaign's default language. */
export interface CampaignChoice {
  id: number;
  slug: string;
  title: string;
  status: CampaignStatus;
}

/**
 * Campaigns by id → id, slug and title in the campaign's default language (its slug when it has no
 * text yet): for the campaign pickers of API keys and webhook endpoints, and to name a key's
 * campaigns. Without ids: every campaign, newest first.
 */
export async function listCampaignChoices(db: Db | Prisma.TransactionClient, ids?: readonly number[]): Promise<CampaignChoice[]> {
  if (ids?.length === 0) return [];
  const rows = await db.campaign.findMany({
    where: ids ? { id: { in: [...ids] } } : undefined,
    select: { id: true, slug: true, status: true, defaultLocale: true, translations: { select: { locale: true, title: true } } },
    orderBy: { id: 'desc' },
  });
  return rows.map((c) => {
    const text = c.translations.find((t) => t.locale === c.defaultLocale) ?? c.translations[0];
    return { id: c.id, slug: c.slug, status: c.status, title: text?.title || c.slug };
  });
}
