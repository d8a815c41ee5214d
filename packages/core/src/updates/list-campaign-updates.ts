import type { Db, UpdateStatus } from '@undersigned/db';
import { updateLocales } from './update-input';

export interface UpdateListItem {
  id: string;
  status: UpdateStatus;
  /** The subject in English, else Spanish. */
  subject: string;
  locales: ('en' | 'es')[];
  createdAt: Date;
  sendRequestedAt: Date | null;
  finishedAt: Date | null;
  recipientCount: number;
  sent: number;
  failed: number;
  suppressed: number;
  bounces: number;
  complaints: number;
  /** 0–100 of planned recipients with an outcome. */
  percent: number;
}

/** A campaign's updates, newest first, with their status and counters (from the update rows only). */
export async function listCampaignUpdates(db: Db, campaignId: number): Promise<UpdateListItem[]> {
  const rows = await db.campaignUpdate.findMany({ where: { campaignId }, orderBy: { createdAt: 'desc' }, take: 200 });
  return rows.map((u) => {
    const done = u.sentCount + u.failedCount + u.suppressedCount + u.interruptedCount + u.cancelledCount;
    const finished = u.status === 'sent' || u.status === 'cancelled';
    return {
      id: u.id,
      status: u.status,
      subject: u.subjectEn ?? u.subjectEs ?? '(no subject yet)',
      locales: updateLocales(u),
      createdAt: u.createdAt,
      sendRequestedAt: u.sendRequestedAt,
      finishedAt: u.finishedAt,
      recipientCount: u.recipientCount,
      sent: u.sentCount,
      failed: u.failedCount,
      suppressed: u.suppressedCount,
      bounces: u.bounceCount,
      complaints: u.complaintCount,
      percent: finished ? 100 : u.recipientCount > 0 ? Math.min(100, Math.floor((done / u.recipientCount) * 100)) : 0,
    };
  });
}
