import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import type { CampaignInput } from './campaign-input';
import { isUniqueViolation } from './create-campaign';
import { isSlugAvailable } from './is-slug-available';
import { parseCampaignInput } from './parse-campaign-input';

/**
 * Saves the editor: settings, both translations (an emptied translation is removed; victory
 * messages are kept) and the ordered sources. A published campaign's slug cannot change (links
 * are out in the world). Audited with the names of the changed settings.
 */
export async function updateCampaign(db: Db, actor: StaffActor, id: number, input: CampaignInput): Promise<void> {
  const data = parseCampaignInput(input);
  const current = await db.campaign.findUnique({ where: { id }, include: { translations: true } });
  if (!current) throw new AppError('not_found', 'No such campaign.');
  if (current.slug !== data.slug) {
    if (current.status !== 'draft') {
      throw new AppError('validation', 'The slug of a published campaign cannot change.', { slug: 'slug_locked' });
    }
    if (!(await isSlugAvailable(db, data.slug, id))) {
      throw new AppError('conflict', 'That slug is taken.', { slug: 'slug_taken' });
    }
  }
  const settings = {
    slug: data.slug,
    defaultLocale: data.defaultLocale,
    goal: data.goal,
    contactEmail: data.contactEmail,
    requireConfirmation: data.requireConfirmation,
    showRecentSigners: data.showRecentSigners,
    includeEmailsInDeliveries: data.includeEmailsInDeliveries,
  };
  const changed = (Object.keys(settings) as (keyof typeof settings)[]).filter((k) => settings[k] !== current[k]);
  try {
    await db.$transaction(async (tx) => {
      await tx.campaign.update({ where: { id }, data: settings });
      for (const locale of ['en', 'es'] as const) {
        const t = data.translations[locale];
        if (t) {
          await tx.campaignTranslation.upsert({
            where: { campaignId_locale: { campaignId: id, locale } },
            create: { campaignId: id, locale, title: t.title, ask: t.ask, body: t.body, summary: t.summary },
            update: { title: t.title, ask: t.ask, body: t.body, summary: t.summary },
          });
        } else {
          await tx.campaignTranslation.deleteMany({ where: { campaignId: id, locale } });
        }
      }
      await tx.campaignSource.deleteMany({ where: { campaignId: id } });
      if (data.sources.length) {
        await tx.campaignSource.createMany({
          data: data.sources.map((s, i) => ({ campaignId: id, position: i + 1, citation: s.citation, url: s.url })),
        });
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'campaign.edit',
        entityType: 'campaign',
        entityId: id,
        data: { changedSettings: changed, locales: (['en', 'es'] as const).filter((l) => data.translations[l]) },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That slug is taken.', { slug: 'slug_taken' });
    throw error;
  }
}
