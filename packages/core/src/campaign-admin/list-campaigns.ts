import { Prisma, type CampaignStatus, type Db } from '@undersigned/db';

export interface CampaignListQuery {
  status?: CampaignStatus;
  /** Matches title (any locale) or slug, case-insensitive. */
  q?: string;
  /** IANA zone that defines "today". */
  timeZone?: string;
}

export interface CampaignListRow {
  id: number;
  slug: string;
  status: CampaignStatus;
  title: string;
  goal: number;
  targets: string[];
  count: number;
  today: number;
  lastDeliveryAt: Date | null;
  updatedAt: Date;
}

interface RawRow {
  id: number;
  slug: string;
  status: CampaignStatus;
  title: string | null;
  goal: number;
  targets: string[] | null;
  count: bigint;
  today: bigint;
  last_delivery_at: Date | null;
  updated_at: Date;
}

/**
 * The staff campaign list: status, targets, count (sum of counter shards), signatures counted
 * today, last delivery. Newest activity first. One query.
 */
export async function listCampaigns(db: Db, query: CampaignListQuery = {}): Promise<CampaignListRow[]> {
  const tz = query.timeZone ?? 'UTC';
  const q = query.q?.trim();
  const filters: Prisma.Sql[] = [];
  if (query.status) filters.push(Prisma.sql`c.status = ${query.status}::"CampaignStatus"`);
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    filters.push(Prisma.sql`(c.slug ILIKE ${like} OR EXISTS (
      SELECT 1 FROM campaign_translation t WHERE t.campaign_id = c.id AND t.title ILIKE ${like}))`);
  }
  const where = filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, ' AND ')}` : Prisma.empty;
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT c.id, c.slug, c.status, c.goal, c.updated_at,
      (SELECT t.title FROM campaign_translation t WHERE t.campaign_id = c.id
        ORDER BY (t.locale = c.default_locale) DESC, t.locale LIMIT 1) AS title,
      (SELECT array_agg(trim(concat_ws(' ', tg.title, tg.given_name, tg.family_name)) ORDER BY ct.position)
        FROM campaign_target ct JOIN target tg ON tg.id = ct.target_id WHERE ct.campaign_id = c.id) AS targets,
      (SELECT coalesce(sum(k.count), 0) FROM campaign_counter k WHERE k.campaign_id = c.id)::bigint AS count,
      (SELECT count(*) FROM signature s WHERE s.campaign_id = c.id AND s.status = 'confirmed'
        AND s.confirmed_at >= (date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz}))::bigint AS today,
      (SELECT max(coalesce(d.sent_at, d.created_at)) FROM delivery d WHERE d.campaign_id = c.id) AS last_delivery_at
    FROM campaign c
    ${where}
    ORDER BY (c.status = 'published') DESC, c.updated_at DESC
    LIMIT 500`;
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    status: r.status,
    title: r.title ?? r.slug,
    goal: r.goal,
    targets: r.targets ?? [],
    count: Number(r.count),
    today: Number(r.today),
    lastDeliveryAt: r.last_delivery_at,
    updatedAt: r.updated_at,
  }));
}
