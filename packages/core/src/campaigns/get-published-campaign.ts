import type { Db, Locale } from '@undersigned/db';
import { getSignatureCount } from '../counters/get-signature-count';
import { pickTranslation } from './pick-translation';

export interface PublicTarget {
  title: string;
  givenName: string | null;
  familyName: string | null;
  organization: string | null;
  /** "Mayor Sam Liccardo", or the organization for a body. */
  displayName: string;
}

export interface PublicCampaign {
  id: number;
  slug: string;
  status: 'published' | 'closed' | 'victory';
  /** The locale the text below is in (the requested one when translated, else the default). */
  locale: Locale;
  locales: Locale[];
  title: string;
  ask: string;
  body: string;
  summary: string | null;
  victoryMessage: string | null;
  goal: number;
  imageId: string | null;
  requireConfirmation: boolean;
  showRecentSigners: boolean;
  publishedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
  createdAt: Date;
  sources: { position: number; citation: string; url: string | null }[];
  targets: PublicTarget[];
  count: number;
}

export function targetDisplayName(t: { title: string; givenName: string | null; familyName: string | null; organization: string | null }): string {
  const person = [t.givenName, t.familyName].filter(Boolean).join(' ');
  if (person) return `${t.title} ${person}`.trim();
  return t.organization ?? t.title;
}

/** An http(s) URL, or null: anything else (javascript:, data:, relative junk) is not linked. */
export function publicLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * A campaign as the public sees it: published, closed or victory (drafts and unknown slugs give
 * null). Text in `locale` when translated, else the campaign's default locale. Carries no signer
 * data and no target email (docs/DESIGN.md invariant 6).
 */
export async function getPublishedCampaign(db: Db, slug: string, locale: Locale = 'en'): Promise<PublicCampaign | null> {
  const campaign = await db.campaign.findUnique({
    where: { slug },
    include: {
      translations: true,
      sources: { orderBy: { position: 'asc' } },
      targets: {
        orderBy: { position: 'asc' },
        include: {
          target: { select: { title: true, givenName: true, familyName: true, organization: true } },
        },
      },
    },
  });
  if (!campaign || campaign.status === 'draft') return null;
  const text = pickTranslation(campaign, locale);
  if (!text) return null;
  return {
    id: campaign.id,
    slug: campaign.slug,
    status: campaign.status,
    locale: text.locale,
    locales: campaign.translations.map((t) => t.locale),
    title: text.title,
    ask: text.ask,
    body: text.body,
    summary: text.summary,
    victoryMessage: text.victoryMessage,
    goal: campaign.goal,
    imageId: campaign.imageId,
    requireConfirmation: campaign.requireConfirmation,
    showRecentSigners: campaign.showRecentSigners,
    publishedAt: campaign.publishedAt,
    closedAt: campaign.closedAt,
    updatedAt: campaign.updatedAt,
    createdAt: campaign.createdAt,
    // Only web links reach the public page: a javascript: or data: URL typed by staff is dropped.
    sources: campaign.sources.map((s) => ({ position: s.position, citation: s.citation, url: publicLink(s.url) })),
    targets: campaign.targets.map(({ target }) => ({ ...target, displayName: targetDisplayName(target) })),
    count: await getSignatureCount(db, campaign.id),
  };
}
