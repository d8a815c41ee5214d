import type { CampaignStatus, Db } from '@undersigned/db';
import { AppError } from '../errors';
import { recordAudit } from '../audit/record-audit';
import { recordWebhookEvents } from '../webhooks/record-webhook-events';
import type { StaffActor } from '../authorization/permissions';

export type LifecycleAction = 'publish' | 'close' | 'victory' | 'reopen';

const TRANSITIONS: Record<LifecycleAction, { from: CampaignStatus[]; to: CampaignStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
  victory: { from: ['published', 'closed'], to: 'victory' },
  reopen: { from: ['closed'], to: 'published' },
};

/** Which lifecycle actions a campaign in this status offers. */
export function lifecycleActionsFor(status: CampaignStatus): LifecycleAction[] {
  return (Object.keys(TRANSITIONS) as LifecycleAction[]).filter((a) => TRANSITIONS[a].from.includes(status));
}

/**
 * Moves a campaign through its lifecycle: publish (draft → published; needs a default-locale text
 * and at least one target), close, mark victory (with a victory message per locale), reopen.
 * The status check and the update are one conditional UPDATE, so two staff clicking at once
 * cannot both win. Audited, and announced to webhooks (campaign.status_changed), in the same transaction.
 */
export async function changeCampaignStatus(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; action: LifecycleAction; victoryMessage?: { en?: string; es?: string } },
): Promise<CampaignStatus> {
  const rule = TRANSITIONS[input.action];
  const campaign = await db.campaign.findUnique({
    where: { id: input.campaignId },
    include: { translations: { select: { locale: true } }, _count: { select: { targets: true } } },
  });
  if (!campaign) throw new AppError('not_found', 'No such campaign.');
  if (!rule.from.includes(campaign.status)) {
    throw new AppError('conflict', `A ${campaign.status} campaign cannot be moved with “${input.action}”.`);
  }
  if (input.action === 'publish') {
    if (!campaign.translations.some((t) => t.locale === campaign.defaultLocale)) {
      throw new AppError('validation', 'Write the campaign text before publishing.', { translations: 'required' });
    }
    if (campaign._count.targets === 0) {
      throw new AppError('validation', 'Attach at least one target before publishing.', { targets: 'required' });
    }
  }
  const now = new Date();
  await db.$transaction(async (tx) => {
    const { count } = await tx.campaign.updateMany({
      where: { id: campaign.id, status: campaign.status },
      data: {
        status: rule.to,
        ...(input.action === 'publish' ? { publishedAt: campaign.publishedAt ?? now } : {}),
        ...(input.action === 'close' || input.action === 'victory' ? { closedAt: campaign.closedAt ?? now } : {}),
        ...(input.action === 'reopen' ? { closedAt: null } : {}),
      },
    });
    if (count !== 1) throw new AppError('conflict', 'Someone else changed this campaign; reload and try again.');
    if (input.action === 'victory') {
      for (const t of campaign.translations) {
        const message = input.victoryMessage?.[t.locale]?.trim();
        if (message) {
          await tx.campaignTranslation.update({
            where: { campaignId_locale: { campaignId: campaign.id, locale: t.locale } },
            data: { victoryMessage: message.slice(0, 5000) },
          });
        }
      }
    }
    await recordWebhookEvents(tx, [{ type: 'campaign.status_changed', campaignId: campaign.id, data: { from: campaign.status, to: rule.to } }]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: `campaign.${input.action}`,
      entityType: 'campaign',
      entityId: campaign.id,
      data: { from: campaign.status, to: rule.to },
    });
  });
  return rule.to;
}
