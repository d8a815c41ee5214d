import type { Db } from '@undersigned/db';

export interface AuditLogQuery {
  page?: number;
  pageSize?: number;
  action?: string;
  actorId?: string;
}

export interface AuditLogRow {
  id: string;
  createdAt: Date;
  action: string;
  entityType: string;
  entityId: string | null;
  data: unknown;
  actor: { id: string; email: string; name: string | null } | null;
}

/** Newest first, paginated; optionally filtered by action prefix (e.g. "campaign.") or actor. */
export async function listAuditLog(
  db: Db,
  query: AuditLogQuery = {},
): Promise<{ rows: AuditLogRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  const page = Math.max(query.page ?? 1, 1);
  const where = {
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.actorId ? { actorId: query.actorId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { actor: { select: { id: true, email: true, name: true } } },
    }),
    db.auditLog.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id.toString(),
      createdAt: r.createdAt,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      data: r.data,
      actor: r.actor,
    })),
    total,
    page,
    pageSize,
  };
}
