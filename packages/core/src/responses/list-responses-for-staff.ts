import type { Db } from '@undersigned/db';
import { targetDisplayName } from '../campaigns/get-published-campaign';

export interface StaffResponse {
  id: number;
  targetId: number;
  targetName: string;
  /** YYYY-MM-DD */
  respondedOn: string;
  stance: 'supports' | 'opposes' | 'no_commitment';
  textEn: string | null;
  textEs: string | null;
  url: string | null;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  /** Updates written about this response (drafts included). */
  updateCount: number;
}

/** A campaign's recorded responses, newest first, for the staff Responses tab. */
export async function listResponsesForStaff(db: Db, campaignId: number): Promise<StaffResponse[]> {
  const rows = await db.targetResponse.findMany({
    where: { campaignId },
    orderBy: [{ respondedOn: 'desc' }, { id: 'desc' }],
    include: {
      campaignTarget: { include: { target: true } },
      createdBy: { select: { email: true, name: true } },
      _count: { select: { updates: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    targetId: r.targetId,
    targetName: targetDisplayName(r.campaignTarget.target),
    respondedOn: r.respondedOn.toISOString().slice(0, 10),
    stance: r.stance,
    textEn: r.textEn,
    textEs: r.textEs,
    url: r.url,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    createdBy: r.createdBy ? (r.createdBy.name ?? r.createdBy.email) : null,
    updateCount: r._count.updates,
  }));
}
