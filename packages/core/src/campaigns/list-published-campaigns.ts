import type { Db, Locale } from '@undersigned/db';
import { targetDisplayName, type PublicTarget } from './get-published-campaign';
import { pickTranslation } from './pick-translation';

export interface PublicCampaignSummary {
  id: number;
  slug: string;
  status: 'published' | 'closed' | 'victory';
  locale: Locale;
  title: string;
  ask: string;
  body: string;
  summary: string | null;
  goal: number;
  imageId: string | null;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  targets: PublicTarget[];
  count: number;
  /** Counted signatures in the last 7 days (the "most active" order). */
  recentCount: number;
}

export interface ListPublishedCampaignsInput {
  locale?: Locale;
  /** Which public statuses to include; default: published only. */
  statuses?: ('published' | 'closed' | 'victory')[];
  /** `active`: most signatures in the last 7 days first; `recent`: newest first (stable, for paging). */
  order?: 'active' | 'recent';
  page?: number;
  perPage?: number;
}

/**
 * Public campaigns with their targets and live counts, text in the requested locale when
 * translated. Never drafts, never signer data or target emails (docs/DESIGN.md invariant 6).
 */
export async function listPublishedCampaigns(
  db: Db,
  input: ListPublishedCampaignsInput = {},
): Promise<{ items: PublicCampaignSummary[]; total: number }> {
  const locale = input.locale ?? 'en';
  const statuses = input.statuses ?? ['published'];
  const perPage = Math.min(Math.max(input.perPage ?? 25, 1), 100);
  const page = Math.max(input.page ?? 1, 1);
  const where = { status: { in: statuses } };
  const active = input.order === 'active';
  const [total, campaigns] = await Promise.all([
    db.campaign.count({ where }),
    db.campaign.findMany({
      where,
      orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
      // "Most active" sorts in memory, so it reads every public campaign (there are few).
      skip: active ? 0 : (page - 1) * perPage,
      take: active ? 500 : perPage,
      include: {
        translations: true,
        targets: {
          orderBy: { position: 'asc' },
          include: { target: { select: { title: true, givenName: true, familyName: true, organization: true } } },
        },
      },
    }),
  ]);
  const ids = campaigns.map((c) => c.id);
  const [counts, recent] = ids.length
    ? await Promise.all([
        db.$queryRaw<{ campaign_id: number; n: bigint }[]>`
          SELECT campaign_id, sum(count)::bigint AS n FROM campaign_counter
          WHERE campaign_id = ANY(${ids}::int[]) GROUP BY campaign_id`,
        active
          ? db.$queryRaw<{ campaign_id: number; n: bigint }[]>`
              SELECT campaign_id, count(*)::bigint AS n FROM signature
              WHERE campaign_id = ANY(${ids}::int[]) AND status = 'confirmed' AND created_at > now() - interval '7 days'
              GROUP BY campaign_id`
          : Promise.resolve([]),
      ])
    : [[], []];
  const countOf = new Map(counts.map((r) => [r.campaign_id, Number(r.n)]));
  const recentOf = new Map(recent.map((r) => [r.campaign_id, Number(r.n)]));
  let items: PublicCampaignSummary[] = [];
  for (const c of campaigns) {
    const text = pickTranslation(c, locale);
    if (!text || c.status === 'draft') continue;
    items.push({
      id: c.id,
      slug: c.slug,
      status: c.status,
      locale: text.locale,
      title: text.title,
      ask: text.ask,
      body: text.body,
      summary: text.summary,
      goal: c.goal,
      imageId: c.imageId,
      publishedAt: c.publishedAt,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      targets: c.targets.map(({ target }) => ({ ...target, displayName: targetDisplayName(target) })),
      count: countOf.get(c.id) ?? 0,
      recentCount: recentOf.get(c.id) ?? 0,
    });
  }
  if (active) {
    items.sort((a, b) => b.recentCount - a.recentCount || b.count - a.count || a.id - b.id);
    items = items.slice((page - 1) * perPage, page * perPage);
  }
  return { items, total };
}
