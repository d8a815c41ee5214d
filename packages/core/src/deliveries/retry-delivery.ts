import type { Db, DeliveryModel } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { AppError } from '../errors';

/**
 * Staff's "retry" for a failed delivery (after fixing the target's email, or after checking the
 * mail log of one interrupted while sending): back to `pending`, same id, same range, same
 * Message-ID. The caller enqueues it; the reconciler would too.
 */
export async function retryDelivery(db: Db, input: { deliveryId: string; requestedById: string | null }): Promise<DeliveryModel> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.delivery.updateMany({
      where: { id: input.deliveryId, status: 'failed' },
      data: { status: 'pending', lastError: null },
    });
    if (count !== 1) {
      const exists = await tx.delivery.findUnique({ where: { id: input.deliveryId }, select: { status: true } });
      if (!exists) throw new AppError('not_found', 'No such delivery.');
      throw new AppError('conflict', `Only failed deliveries can be retried (this one is ${exists.status}).`);
    }
    await recordAudit(tx, { actorId: input.requestedById, action: 'delivery.retry', entityType: 'delivery', entityId: input.deliveryId });
    return tx.delivery.findUniqueOrThrow({ where: { id: input.deliveryId } });
  });
}
