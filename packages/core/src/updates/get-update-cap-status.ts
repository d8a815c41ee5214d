import type { Prisma } from '@undersigned/db';
import type { DbOrTx } from '../audit/record-audit';

export interface UpdateCapStatus {
  /** At most `count` sends started per `days` days (Campaign.updateCapCount / updateCapDays). */
  count: number;
  days: number;
  /** Sends started in the last `days` days. */
  used: number;
  /** Whether another send may start now. */
  allowed: boolean;
  /** When the next send becomes possible, if not now (the oldest counted send leaves the window). */
  nextPossibleAt: Date | null;
}

/**
 * Where a campaign stands against its cap on updates: the sends started (sendRequestedAt) in the
 * last `updateCapDays` days, and when the next is possible. Counted by the same rule
 * requestUpdateSend enforces. Null for an unknown campaign.
 */
export async function getUpdateCapStatus(
  db: DbOrTx | Prisma.TransactionClient,
  campaignId: number,
  now = new Date(),
): Promise<UpdateCapStatus | null> {
  const campaign = await db.campaign.findUnique({ where: { id: campaignId }, select: { updateCapCount: true, updateCapDays: true } });
  if (!campaign) return null;
  const { updateCapCount: count, updateCapDays: days } = campaign;
  const since = new Date(now.getTime() - days * 86_400_000);
  const sends = await db.campaignUpdate.findMany({
    where: { campaignId, sendRequestedAt: { gt: since } },
    select: { sendRequestedAt: true },
    orderBy: { sendRequestedAt: 'asc' },
  });
  const used = sends.length;
  const allowed = used < count;
  // With `used` ≥ `count`, a send is possible once (used − count + 1) of them have left the window.
  const leaving = allowed ? null : count === 0 ? null : sends[used - count]?.sendRequestedAt;
  return { count, days, used, allowed, nextPossibleAt: leaving ? new Date(leaving.getTime() + days * 86_400_000) : null };
}
