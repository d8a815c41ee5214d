import type { Db, Locale } from '@undersigned/db';
import { targetDisplayName } from './get-published-campaign';
import { listPublicResponses, type PublicResponseStance } from './list-public-responses';

export type TimelineEvent =
  | { kind: 'published'; at: Date }
  | { kind: 'delivery'; at: Date; deliveryId: string; target: string; signatureCount: number; totalCount: number }
  /** `at` is the response day at 00:00 UTC: show it as a date only, in UTC. */
  | { kind: 'response'; at: Date; responseId: number; target: string; stance: PublicResponseStance }
  | { kind: 'victory' | 'closed'; at: Date };

export interface CampaignTimeline {
  /** Oldest first: published, deliveries, responses, victory or close. */
  events: TimelineEvent[];
  /** Sent deliveries older than those listed (a digest campaign makes many), summed up in one line. */
  earlierDeliveries: { count: number; signatures: number };
  /** Targets that received a delivery and have not responded yet, while the campaign is open. */
  awaiting: string[];
  /** The time zone to show dates of deliveries, publishing and closing in (the first target's). */
  timeZone: string;
}

/**
 * A public campaign's short story for its page: published, each delivery that reached its
 * target (the most recent `maxDeliveries`; older ones are counted), each response, and the
 * victory or close. Null for a draft or unknown campaign. Figures only, no signer data.
 */
export async function getCampaignTimeline(
  db: Db,
  campaignId: number,
  options: { locale?: Locale; maxDeliveries?: number } = {},
): Promise<CampaignTimeline | null> {
  const maxDeliveries = options.maxDeliveries ?? 6;
  const campaign = await db.campaign.findUnique({
    where: { id: campaignId },
    select: {
      status: true,
      publishedAt: true,
      closedAt: true,
      targets: { orderBy: { position: 'asc' }, take: 1, select: { target: { select: { timeZone: true } } } },
    },
  });
  if (!campaign || campaign.status === 'draft') return null;
  const [deliveries, older, responses] = await Promise.all([
    db.delivery.findMany({
      where: { campaignId, status: 'sent' },
      orderBy: [{ sentAt: 'desc' }, { id: 'desc' }],
      take: maxDeliveries,
      include: { target: { select: { title: true, givenName: true, familyName: true, organization: true } } },
    }),
    db.delivery.aggregate({ where: { campaignId, status: 'sent' }, _count: true, _sum: { signatureCount: true } }),
    listPublicResponses(db, campaignId, options.locale ?? 'en'),
  ]);
  const events: TimelineEvent[] = [];
  if (campaign.publishedAt) events.push({ kind: 'published', at: campaign.publishedAt });
  for (const d of deliveries) {
    events.push({
      kind: 'delivery',
      at: d.sentAt ?? d.createdAt,
      deliveryId: d.id,
      target: targetDisplayName(d.target),
      signatureCount: d.signatureCount,
      totalCount: d.totalCount,
    });
  }
  for (const r of responses) {
    events.push({ kind: 'response', at: new Date(`${r.respondedOn}T00:00:00Z`), responseId: r.id, target: r.target.displayName, stance: r.stance });
  }
  if ((campaign.status === 'victory' || campaign.status === 'closed') && campaign.closedAt) {
    events.push({ kind: campaign.status, at: campaign.closedAt });
  }
  // Published first and the close last; in between by day, a delivery before a response of the same day.
  const group = { published: 0, delivery: 1, response: 1, victory: 2, closed: 2 } as const;
  const rank = { published: 0, delivery: 0, response: 1, victory: 0, closed: 0 } as const;
  const day = (e: TimelineEvent) => e.at.toISOString().slice(0, 10);
  events.sort(
    (a, b) => group[a.kind] - group[b.kind] || day(a).localeCompare(day(b)) || rank[a.kind] - rank[b.kind] || a.at.getTime() - b.at.getTime(),
  );
  const shownSignatures = deliveries.reduce((sum, d) => sum + d.signatureCount, 0);
  const responded = new Set(responses.map((r) => r.targetId));
  const awaitingRows =
    campaign.status === 'published' && older._count > 0
      ? await db.campaignTarget.findMany({
          where: { campaignId, target: { deliveries: { some: { campaignId, status: 'sent' } } } },
          orderBy: { position: 'asc' },
          select: { targetId: true, target: { select: { title: true, givenName: true, familyName: true, organization: true } } },
        })
      : [];
  return {
    events,
    earlierDeliveries: { count: older._count - deliveries.length, signatures: (older._sum.signatureCount ?? 0) - shownSignatures },
    awaiting: awaitingRows.filter((r) => !responded.has(r.targetId)).map((r) => targetDisplayName(r.target)),
    timeZone: campaign.targets[0]?.target.timeZone ?? 'UTC',
  };
}
