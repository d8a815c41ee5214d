import type { Db } from '@undersigned/db';
import { getSignatureCount } from '../counters/get-signature-count';

export interface CampaignDashboard {
  total: number;
  today: number;
  last7Days: number;
  byStatus: Record<'pending' | 'confirmed' | 'fraudulent' | 'invalidated', number>;
  /** Confirmed signers whose postal code is in any attached target's jurisdiction. */
  constituents: number;
  /** Signatures per bucket (confirmed), oldest first; hourly for the last 48 h or daily for 30 days. */
  series: { bucket: Date; count: number }[];
  granularity: 'hour' | 'day';
  topSources: { label: string; count: number }[];
  topReferrers: { label: string; count: number }[];
  recentComments: { givenName: string; familyInitial: string; locality: string | null; comment: string; createdAt: Date }[];
}

/** Numbers for the per-campaign dashboard. "Today" and days are in `timeZone`. */
export async function getCampaignDashboard(
  db: Db,
  campaignId: number,
  options: { timeZone?: string; granularity?: 'hour' | 'day' } = {},
): Promise<CampaignDashboard> {
  const tz = options.timeZone ?? 'UTC';
  const granularity = options.granularity ?? 'day';
  const [periods] = await db.$queryRaw<{ today: bigint; week: bigint }[]>`
    SELECT
      count(*) FILTER (WHERE confirmed_at >= (date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz}))::bigint AS today,
      count(*) FILTER (WHERE confirmed_at >= (date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz}) - interval '6 days')::bigint AS week
    FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed'`;
  const statusRows = await db.$queryRaw<{ status: string; n: bigint }[]>`
    SELECT status::text AS status, count(*)::bigint AS n FROM signature WHERE campaign_id = ${campaignId} GROUP BY status`;
  const byStatus = { pending: 0, confirmed: 0, fraudulent: 0, invalidated: 0 };
  for (const r of statusRows) byStatus[r.status as keyof typeof byStatus] = Number(r.n);
  const [constituents] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*)::bigint AS n FROM signature s
    WHERE s.campaign_id = ${campaignId} AND s.status = 'confirmed' AND s.postal_code IS NOT NULL
      AND EXISTS (SELECT 1 FROM campaign_target ct JOIN target t ON t.id = ct.target_id
                  WHERE ct.campaign_id = ${campaignId} AND s.postal_code = ANY(t.postal_codes))`;
  const series =
    granularity === 'hour'
      ? await db.$queryRaw<{ bucket: Date; n: bigint }[]>`
          SELECT g.bucket, count(s.id)::bigint AS n
          FROM generate_series(date_trunc('hour', now()) - interval '47 hours', date_trunc('hour', now()), interval '1 hour') AS g(bucket)
          LEFT JOIN signature s ON s.campaign_id = ${campaignId} AND s.status = 'confirmed'
            AND s.confirmed_at >= g.bucket AND s.confirmed_at < g.bucket + interval '1 hour'
          GROUP BY g.bucket ORDER BY g.bucket`
      : await db.$queryRaw<{ bucket: Date; n: bigint }[]>`
          SELECT (g.day AT TIME ZONE ${tz}) AS bucket, count(s.id)::bigint AS n
          FROM generate_series(date_trunc('day', now() AT TIME ZONE ${tz}) - interval '29 days',
                               date_trunc('day', now() AT TIME ZONE ${tz}), interval '1 day') AS g(day)
          LEFT JOIN signature s ON s.campaign_id = ${campaignId} AND s.status = 'confirmed'
            AND s.confirmed_at >= (g.day AT TIME ZONE ${tz}) AND s.confirmed_at < ((g.day + interval '1 day') AT TIME ZONE ${tz})
          GROUP BY g.day ORDER BY g.day`;
  const topSources = await db.$queryRaw<{ label: string; n: bigint }[]>`
    SELECT coalesce(source, '(direct)') AS label, count(*)::bigint AS n FROM signature
    WHERE campaign_id = ${campaignId} AND status = 'confirmed' GROUP BY 1 ORDER BY n DESC, label LIMIT 8`;
  const topReferrers = await db.$queryRaw<{ label: string; n: bigint }[]>`
    SELECT referrer_code AS label, count(*)::bigint AS n FROM signature
    WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND referrer_code IS NOT NULL
    GROUP BY 1 ORDER BY n DESC, label LIMIT 8`;
  const comments = await db.signature.findMany({
    where: { campaignId, status: 'confirmed', comment: { not: null } },
    orderBy: { createdAt: 'desc' },
    take: 8,
    select: { givenName: true, familyName: true, locality: true, comment: true, createdAt: true },
  });
  return {
    total: await getSignatureCount(db, campaignId),
    today: Number(periods?.today ?? 0),
    last7Days: Number(periods?.week ?? 0),
    byStatus,
    constituents: Number(constituents?.n ?? 0),
    series: series.map((r) => ({ bucket: r.bucket, count: Number(r.n) })),
    granularity,
    topSources: topSources.map((r) => ({ label: r.label, count: Number(r.n) })),
    topReferrers: topReferrers.map((r) => ({ label: r.label, count: Number(r.n) })),
    recentComments: comments.map((c) => ({
      givenName: c.givenName,
      familyInitial: c.familyName.slice(0, 1),
      locality: c.locality,
      comment: c.comment ?? '',
      createdAt: c.createdAt,
    })),
  };
}
