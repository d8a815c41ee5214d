import type { Db } from '@undersigned/db';
import { recordSuppression } from './record-suppression';
import type { UnsubscribeSubject } from './unsubscribe-token';

export interface UnsubscribeInput {
  /** A subject from verifyUnsubscribeToken: the caller has checked the token's MAC. */
  subject: UnsubscribeSubject;
  /** This campaign's updates, or every update. */
  scope: 'campaign' | 'all';
  /** 'one-click': the RFC 8058 POST of a mail client; 'unsubscribe-page': the page's button. */
  source: 'one-click' | 'unsubscribe-page';
}

/**
 * Unsubscribes the person of a verified unsubscribe token (docs/DESIGN.md invariant 9), at once
 * and idempotently: an entry on the suppression list for the campaign or for every update (then
 * the person is 'unsubscribed' too). A person erased since the email was sent leaves nothing to
 * unsubscribe ('nothing'), which is not an error. An update that no longer exists is not named.
 */
export async function unsubscribeByToken(db: Db, input: UnsubscribeInput, secret: string): Promise<{ result: 'unsubscribed' | 'nothing' }> {
  const person = await db.person.findUnique({ where: { id: input.subject.personId }, select: { canonicalEmail: true } });
  if (!person) return { result: 'nothing' };
  const [campaign, update] = await Promise.all([
    db.campaign.findUnique({ where: { id: input.subject.campaignId }, select: { id: true } }),
    db.campaignUpdate.findUnique({ where: { id: input.subject.updateId }, select: { id: true, campaignId: true } }),
  ]);
  // A campaign deleted since: its updates are gone too, so "this campaign" can only mean all.
  const campaignId = input.scope === 'all' || !campaign ? null : campaign.id;
  await recordSuppression(
    db,
    {
      canonicalEmail: person.canonicalEmail,
      campaignId,
      reason: 'unsubscribe',
      source: input.source,
      updateId: update && update.campaignId === input.subject.campaignId ? update.id : null,
    },
    secret,
  );
  return { result: 'unsubscribed' };
}
