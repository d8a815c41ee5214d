import type { Db } from '@undersigned/db';
import { getSignatureCount } from '../counters/get-signature-count';
import { pickTranslation } from '../campaigns/pick-translation';

/** Everything the staff pages show about one campaign (settings, both texts, sources, targets). */
export async function getCampaignForStaff(db: Db, id: number) {
  const campaign = await db.campaign.findUnique({
    where: { id },
    include: {
      translations: true,
      sources: { orderBy: { position: 'asc' } },
      targets: { orderBy: { position: 'asc' }, include: { target: true } },
      createdBy: { select: { email: true, name: true } },
      image: { select: { id: true, alt: true } },
    },
  });
  if (!campaign) return null;
  const byLocale = (locale: 'en' | 'es') => campaign.translations.find((t) => t.locale === locale) ?? null;
  const main = pickTranslation(campaign) ?? null;
  return {
    ...campaign,
    title: main?.title ?? campaign.slug,
    en: byLocale('en'),
    es: byLocale('es'),
    count: await getSignatureCount(db, id),
  };
}

export type StaffCampaign = NonNullable<Awaited<ReturnType<typeof getCampaignForStaff>>>;
