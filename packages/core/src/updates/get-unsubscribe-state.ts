import type { Db, Locale } from '@undersigned/db';
import { pickTranslation } from '../campaigns/pick-translation';
import { suppressionHash } from './suppression-hash';
import type { UnsubscribeSubject } from './unsubscribe-token';

export interface UnsubscribeState {
  /** The campaign's title in `locale` (else its default language); null when the campaign is gone. */
  campaignTitle: string | null;
  campaignSlug: string | null;
  /** False when the person was erased: there is nothing left to unsubscribe. */
  personExists: boolean;
  /** The address no longer gets this campaign's updates (its own entry, or one for every update). */
  unsubscribedFromCampaign: boolean;
  /** The address gets no update at all (unsubscribed from all, bounced or complained). */
  unsubscribedFromAll: boolean;
}

/**
 * What the unsubscribe page shows for a verified token (read only: a GET never changes
 * anything). Never returns the address itself: the page names the campaign, not the person.
 */
export async function getUnsubscribeState(db: Db, subject: UnsubscribeSubject, locale: Locale, secret: string): Promise<UnsubscribeState> {
  const [campaign, person] = await Promise.all([
    db.campaign.findUnique({
      where: { id: subject.campaignId },
      select: { slug: true, status: true, defaultLocale: true, translations: { select: { locale: true, title: true } } },
    }),
    db.person.findUnique({ where: { id: subject.personId }, select: { canonicalEmail: true, emailStatus: true } }),
  ]);
  const title = campaign ? (pickTranslation(campaign, locale)?.title ?? null) : null;
  const scopes = person
    ? await db.emailSuppression.findMany({
        where: { emailHash: suppressionHash(person.canonicalEmail, secret), OR: [{ campaignId: null }, { campaignId: subject.campaignId }] },
        select: { campaignId: true },
      })
    : [];
  const all = !!person && (person.emailStatus !== 'subscribed' || scopes.some((s) => s.campaignId === null));
  return {
    campaignTitle: title,
    campaignSlug: campaign && campaign.status !== 'draft' ? campaign.slug : null,
    personExists: !!person,
    unsubscribedFromCampaign: all || scopes.length > 0,
    unsubscribedFromAll: all,
  };
}
