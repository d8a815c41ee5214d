import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import type { StaffActor } from '../authorization/permissions';
import type { CampaignInput } from './campaign-input';
import { isSlugAvailable } from './is-slug-available';
import { parseCampaignInput } from './parse-campaign-input';

/** Creates a draft campaign with its translations and sources; audited. Returns its id. */
export async function createCampaign(db: Db, actor: StaffActor, input: CampaignInput): Promise<{ id: number }> {
  const data = parseCampaignInput(input);
  if (!(await isSlugAvailable(db, data.slug))) {
    throw new AppError('conflict', 'That slug is taken.', { slug: 'slug_taken' });
  }
  try {
    return await db.$transaction(async (tx) => {
      const campaign = await tx.campaign.create({
        data: {
          slug: data.slug,
          status: 'draft',
          defaultLocale: data.defaultLocale,
          goal: data.goal,
          contactEmail: data.contactEmail,
          requireConfirmation: data.requireConfirmation,
          showRecentSigners: data.showRecentSigners,
          includeEmailsInDeliveries: data.includeEmailsInDeliveries,
          createdById: actor.id,
          translations: {
            create: (['en', 'es'] as const).flatMap((locale) => {
              const t = data.translations[locale];
              return t ? [{ locale, title: t.title, ask: t.ask, body: t.body, summary: t.summary }] : [];
            }),
          },
          sources: {
            create: data.sources.map((s, i) => ({ position: i + 1, citation: s.citation, url: s.url })),
          },
        },
        select: { id: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'campaign.create',
        entityType: 'campaign',
        entityId: campaign.id,
        data: { slug: data.slug },
      });
      return campaign;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That slug is taken.', { slug: 'slug_taken' });
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === 'P2002';
}
