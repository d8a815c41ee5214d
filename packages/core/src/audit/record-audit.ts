import type { Db, Prisma } from '@undersigned/db';

export type DbOrTx = Db | Prisma.TransactionClient;

export interface AuditEntry {
  actorId: string | null;
  /** e.g. campaign.create, campaign.publish, delivery.trigger, signatures.export, person.erase */
  action: string;
  entityType: string;
  entityId?: string | number | bigint | null;
  data?: Prisma.InputJsonValue;
}

/** Appends one entry to the audit log. Pass the transaction client to audit atomically. */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      data: entry.data,
    },
  });
}
