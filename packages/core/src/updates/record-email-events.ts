import type { Db } from '@undersigned/db';
import { canonicalizeEmail } from '../signatures/canonicalize-email';
import { parseUpdateMessageId, type EmailEvent } from './email-event-input';
import { recordSuppression } from './record-suppression';

export interface EmailEventsResult {
  /** Permanent bounces and complaints now on the suppression list (new or stronger entries). */
  suppressed: number;
  /** Already suppressed for that reason or a stronger one: nothing changed. */
  duplicates: number;
  /** Transient bounces (the sender retries them) and addresses that cannot be canonicalized. */
  ignored: number;
}

/**
 * Bounce and complaint notifications from a mail provider (issue 12 part 5), parsed with
 * emailEventsInputSchema: a permanent bounce or a complaint suppresses the address for every
 * update, counted on the update its Message-ID names (when that update exists); a transient
 * bounce is ignored. Idempotent: a provider retrying a webhook changes nothing twice.
 */
export async function recordEmailEvents(db: Db, events: readonly EmailEvent[], secret: string): Promise<EmailEventsResult> {
  const result: EmailEventsResult = { suppressed: 0, duplicates: 0, ignored: 0 };
  const named = [...new Set(events.map((e) => parseUpdateMessageId(e.message_id)?.updateId).filter((id): id is string => !!id))];
  const existing = new Set(
    named.length ? (await db.campaignUpdate.findMany({ where: { id: { in: named } }, select: { id: true } })).map((u) => u.id) : [],
  );
  for (const event of events) {
    const canonicalEmail = canonicalizeEmail(event.email);
    if (!canonicalEmail || (event.type === 'bounce' && event.bounce_type === 'transient')) {
      result.ignored += 1;
      continue;
    }
    const updateId = parseUpdateMessageId(event.message_id)?.updateId;
    const { changed } = await recordSuppression(
      db,
      {
        canonicalEmail,
        campaignId: null,
        reason: event.type,
        source: 'webhook',
        updateId: updateId && existing.has(updateId) ? updateId : null,
        detail: [event.occurred_at, event.detail].filter(Boolean).join(' ') || null,
      },
      secret,
    );
    if (changed) result.suppressed += 1;
    else result.duplicates += 1;
  }
  return result;
}
