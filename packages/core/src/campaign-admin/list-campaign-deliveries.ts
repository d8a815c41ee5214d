import type { Db } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';

/** A campaign's delivery log, newest first, with the target's name and address. */
export async function listCampaignDeliveries(db: Db, campaignId: number, limit = 200) {
  const rows = await db.delivery.findMany({
    where: { campaignId },
    orderBy: { createdAt: 'desc' },
    take: Math.min(Math.max(limit, 1), 1000),
    include: {
      target: { select: { title: true, givenName: true, familyName: true, organization: true, email: true } },
      requestedBy: { select: { email: true, name: true } },
    },
  });
  return rows.map((d) => ({
    id: d.id,
    trigger: d.trigger,
    milestone: d.milestone,
    fromSeq: d.fromSeq.toString(),
    toSeq: d.toSeq.toString(),
    signatureCount: d.signatureCount,
    totalCount: d.totalCount,
    constituentCount: d.constituentCount,
    status: d.status,
    manifestSha256: d.manifestSha256,
    messageId: d.messageId,
    attempts: d.attempts,
    lastError: d.lastError,
    createdAt: d.createdAt,
    sentAt: d.sentAt,
    target: { name: targetDisplayName(d.target), email: d.target.email },
    requestedBy: d.requestedBy?.name ?? d.requestedBy?.email ?? null,
  }));
}
