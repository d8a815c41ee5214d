import type { Db } from '@undersigned/db';

/** One event link of a campaign with what its sign-up link needs (the campaign's slug), or null. */
export async function getCampaignEvent(db: Db, campaignId: number, eventId: number) {
  return db.campaignEvent.findFirst({
    where: { id: eventId, campaignId },
    select: {
      id: true,
      name: true,
      code: true,
      startsAt: true,
      endsAt: true,
      expectedSize: true,
      revokedAt: true,
      campaign: { select: { slug: true } },
    },
  });
}
