import type { Db, UpdateStatus } from '@undersigned/db';

export interface UpdateProgress {
  id: string;
  campaignId: number;
  status: UpdateStatus;
  /** Recipient rows planned so far (the final audience once plannedAt is set). */
  recipientCount: number;
  sent: number;
  failed: number;
  suppressed: number;
  interrupted: number;
  cancelled: number;
  /** recipientCount minus the five outcomes above: planned and not yet through. */
  remaining: number;
  bounces: number;
  complaints: number;
  /** Emails sent per second of active sending (pauses excluded), null before any. */
  ratePerSecond: number | null;
  /** remaining / rate while planning or sending; null when unknown or not running. */
  etaSeconds: number | null;
  /** 0–100: outcomes over planned recipients (100 once finished). */
  percent: number;
  /** The update will not move any more (sent or cancelled). */
  finished: boolean;
  sendRequestedAt: Date | null;
  plannedAt: Date | null;
  runStartedAt: Date | null;
  finishedAt: Date | null;
  activeSeconds: number;
}

/**
 * A sending update's progress for the staff progress view, read from its campaign_update row
 * alone (the worker keeps the counters there; no count(*) over recipients, so polling it every
 * two seconds costs one indexed read at any size). Null for an unknown update or another
 * campaign's.
 */
export async function getUpdateProgress(db: Db, input: { campaignId: number; updateId: string }, now = new Date()): Promise<UpdateProgress | null> {
  const u = await db.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId } });
  if (!u) return null;
  const done = u.sentCount + u.failedCount + u.suppressedCount + u.interruptedCount + u.cancelledCount;
  const remaining = Math.max(0, u.recipientCount - done);
  const running = u.status === 'planning' || u.status === 'sending';
  const active = u.activeSeconds + (u.runStartedAt ? Math.max(0, (now.getTime() - u.runStartedAt.getTime()) / 1000) : 0);
  const ratePerSecond = active > 0 && u.sentCount > 0 ? u.sentCount / active : null;
  const finished = u.status === 'sent' || u.status === 'cancelled';
  return {
    id: u.id,
    campaignId: u.campaignId,
    status: u.status,
    recipientCount: u.recipientCount,
    sent: u.sentCount,
    failed: u.failedCount,
    suppressed: u.suppressedCount,
    interrupted: u.interruptedCount,
    cancelled: u.cancelledCount,
    remaining,
    bounces: u.bounceCount,
    complaints: u.complaintCount,
    ratePerSecond,
    etaSeconds: running && ratePerSecond ? Math.ceil(remaining / ratePerSecond) : null,
    percent: finished ? 100 : u.recipientCount > 0 ? Math.min(100, Math.floor((done / u.recipientCount) * 100)) : 0,
    finished,
    sendRequestedAt: u.sendRequestedAt,
    plannedAt: u.plannedAt,
    runStartedAt: u.runStartedAt,
    finishedAt: u.finishedAt,
    activeSeconds: u.activeSeconds,
  };
}
