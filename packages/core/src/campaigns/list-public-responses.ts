import type { Db, Locale } from '@undersigned/db';
import { publicLink, targetDisplayName, type PublicTarget } from './get-published-campaign';

export type PublicResponseStance = 'supports' | 'opposes' | 'no_commitment';

/** A target's response to a campaign, as the public sees it (page, OSDI). No staff data. */
export interface PublicResponse {
  id: number;
  campaignId: number;
  targetId: number;
  target: PublicTarget;
  /** The day the target responded, `YYYY-MM-DD` (a calendar date, no time zone). */
  respondedOn: string;
  stance: PublicResponseStance;
  /** The Markdown text in the requested language when written, else in the other one. */
  text: string;
  /** The language `text` is in; differs from the requested locale when only the other was written. */
  textLocale: Locale;
  /** Both languages as staff wrote them (null when not written), for the OSDI resource. */
  texts: { en: string | null; es: string | null };
  /** A web link to the response itself, or null (non-http(s) links are dropped). */
  url: string | null;
}

/**
 * The responses of public campaigns' targets (newest first: response date, then the latest
 * recorded), text in `locale` when staff wrote it, else in the other language. Draft campaigns
 * give none. One query for one campaign or many (the OSDI collection).
 */
export async function listPublicResponses(db: Db, campaignIds: number | readonly number[], locale: Locale = 'en'): Promise<PublicResponse[]> {
  const ids = typeof campaignIds === 'number' ? [campaignIds] : [...campaignIds];
  if (ids.length === 0) return [];
  const rows = await db.targetResponse.findMany({
    where: { campaignId: { in: ids }, campaign: { status: { not: 'draft' } } },
    orderBy: [{ respondedOn: 'desc' }, { id: 'desc' }],
    include: { campaignTarget: { include: { target: { select: { title: true, givenName: true, familyName: true, organization: true } } } } },
  });
  const other: Locale = locale === 'es' ? 'en' : 'es';
  const textIn = (r: { textEn: string | null; textEs: string | null }, l: Locale) => (l === 'es' ? r.textEs : r.textEn);
  return rows.flatMap((r) => {
    const textLocale = textIn(r, locale)?.trim() ? locale : other;
    const text = textIn(r, textLocale);
    if (!text?.trim()) return [];
    const target = r.campaignTarget.target;
    return [
      {
        id: r.id,
        campaignId: r.campaignId,
        targetId: r.targetId,
        target: { ...target, displayName: targetDisplayName(target) },
        respondedOn: r.respondedOn.toISOString().slice(0, 10),
        stance: r.stance,
        text,
        textLocale,
        texts: { en: r.textEn?.trim() ? r.textEn : null, es: r.textEs?.trim() ? r.textEs : null },
        url: publicLink(r.url),
      },
    ];
  });
}
