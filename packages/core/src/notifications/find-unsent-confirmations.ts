import type { Db } from '@undersigned/db';

export interface FindUnsentConfirmationsInput {
  /** Leave signatures younger than this alone: their job is most likely still queued. */
  olderThanMs?: number;
  limit?: number;
}

/**
 * Pending (or held, awaiting their click) signatures whose confirmation email was never recorded as sent (the enqueue failed
 * while Redis was down, or the job was lost): the reconciler enqueues them again. Only the last
 * 7 days: older pending signatures are abandoned, not re-mailed; bouncing addresses are skipped.
 */
export async function findUnsentConfirmations(db: Db, input: FindUnsentConfirmationsInput = {}): Promise<string[]> {
  const olderThan = new Date(Date.now() - (input.olderThanMs ?? 60_000));
  const since = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const rows = await db.signature.findMany({
    where: {
      // Pending, or held for review with a link to click (a held signature's signer gets the email too).
      OR: [{ status: 'pending' }, { status: 'held', confirmTokenHash: { not: null }, confirmedAt: null }],
      confirmationSentAt: null,
      createdAt: { lt: olderThan, gt: since },
      person: { emailStatus: { not: 'bouncing' } },
    },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: input.limit ?? 1_000,
  });
  return rows.map((r) => r.id.toString());
}
