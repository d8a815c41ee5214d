import type { CampaignUpdateModel, Db } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';
import { updateLocales } from './update-input';

export interface StaffUpdate extends CampaignUpdateModel {
  /** The languages it is written in (subject and body both set). */
  locales: ('en' | 'es')[];
  createdByName: string | null;
  sendRequestedByName: string | null;
  /** The response it announces, when prefilled from one. */
  response: { id: number; targetName: string; respondedOn: string } | null;
}

/** One update of a campaign for the staff pages (text, status, counters, who wrote and sent it); null if not this campaign's. */
export async function getUpdateForStaff(db: Db, input: { campaignId: number; updateId: string }): Promise<StaffUpdate | null> {
  const u = await db.campaignUpdate.findFirst({
    where: { id: input.updateId, campaignId: input.campaignId },
    include: {
      createdBy: { select: { email: true, name: true } },
      response: { include: { campaignTarget: { include: { target: true } } } },
    },
  });
  if (!u) return null;
  const sender = u.sendRequestedById ? await db.user.findUnique({ where: { id: u.sendRequestedById }, select: { email: true, name: true } }) : null;
  const { createdBy, response, ...row } = u;
  return {
    ...row,
    locales: updateLocales(u),
    createdByName: createdBy ? (createdBy.name ?? createdBy.email) : null,
    sendRequestedByName: sender ? (sender.name ?? sender.email) : null,
    response: response
      ? {
          id: response.id,
          targetName: targetDisplayName(response.campaignTarget.target),
          respondedOn: response.respondedOn.toISOString().slice(0, 10),
        }
      : null,
  };
}
