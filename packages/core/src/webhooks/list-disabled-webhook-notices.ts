import type { Db } from '@undersigned/db';

export interface DisabledWebhookNotice {
  id: string;
  name: string;
  disabledAt: Date | null;
  reason: string;
}

/**
 * Endpoints the sender switched off after failing for a day (disabled with a reason; an admin's
 * own "Disable" leaves none): what the admin notice on the Integrations pages and the banner in
 * the staff shell list until someone enables or deletes them. One small query (a handful of rows).
 */
export async function listDisabledWebhookNotices(db: Db): Promise<DisabledWebhookNotice[]> {
  const rows = await db.webhookEndpoint.findMany({
    where: { enabled: false, disabledReason: { not: null } },
    select: { id: true, name: true, disabledAt: true, disabledReason: true },
    orderBy: [{ disabledAt: 'desc' }, { id: 'asc' }],
    take: 20,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, disabledAt: r.disabledAt, reason: r.disabledReason ?? '' }));
}
