import type { Db } from '@undersigned/db';

export type CampaignEventStatus = 'upcoming' | 'active' | 'ended' | 'revoked';

export interface CampaignEventSummary {
  id: number;
  name: string;
  /** The public code: the link is /petitions/{slug}?event={code}. */
  code: string;
  startsAt: Date;
  endsAt: Date;
  expectedSize: number;
  revokedAt: Date | null;
  createdAt: Date;
  status: CampaignEventStatus;
  /** Signatures made through the link: counted (confirmed), pending (awaiting the email click), held for review. */
  counts: { counted: number; pending: number; held: number };
}

/** Where an event stands at `now`: revoked wins, then before, inside or after its window. */
function statusAt(event: { startsAt: Date; endsAt: Date; revokedAt: Date | null }, now: Date): CampaignEventStatus {
  if (event.revokedAt) return 'revoked';
  if (now < event.startsAt) return 'upcoming';
  if (now < event.endsAt) return 'active';
  return 'ended';
}

/**
 * A campaign's event sign-up links, newest window first, each with its status and the signatures
 * made through it (signature.event_id) by status. No personal data: staff with campaign.read see it.
 */
export async function listCampaignEvents(db: Db, campaignId: number, options: { now?: Date } = {}): Promise<CampaignEventSummary[]> {
  const now = options.now ?? new Date();
  const events = await db.campaignEvent.findMany({
    where: { campaignId },
    orderBy: [{ startsAt: 'desc' }, { id: 'desc' }],
    select: { id: true, name: true, code: true, startsAt: true, endsAt: true, expectedSize: true, revokedAt: true, createdAt: true },
  });
  if (events.length === 0) return [];
  const groups = await db.signature.groupBy({
    by: ['eventId', 'status'],
    where: { campaignId, eventId: { in: events.map((e) => e.id) }, status: { in: ['confirmed', 'pending', 'held'] } },
    _count: { _all: true },
  });
  const counts = new Map<number, CampaignEventSummary['counts']>(events.map((e) => [e.id, { counted: 0, pending: 0, held: 0 }]));
  for (const g of groups) {
    const c = g.eventId === null ? undefined : counts.get(g.eventId);
    if (!c) continue;
    if (g.status === 'confirmed') c.counted += g._count._all;
    else if (g.status === 'pending') c.pending += g._count._all;
    else if (g.status === 'held') c.held += g._count._all;
  }
  return events.map((e) => ({ ...e, status: statusAt(e, now), counts: counts.get(e.id)! }));
}
