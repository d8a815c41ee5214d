import { Prisma, type Db } from '@undersigned/db';
import { getSignatureCount } from '../counters/get-signature-count';
import { foldCampaignRollup, HOUR_KEY_SQL } from './fold-campaign-rollup';

export interface CampaignDashboard {
  total: number;
  today: number;
  last7Days: number;
  byStatus: Record<'pending' | 'confirmed' | 'held' | 'fraudulent' | 'invalidated', number>;
  /** Confirmed signers whose postal code is in any attached target's jurisdiction. */
  constituents: number;
  /** Signatures per bucket (confirmed), oldest first; hourly for the last 48 h or daily for 30 days. */
  series: { bucket: Date; count: number }[];
  granularity: 'hour' | 'day';
  topSources: { label: string; count: number }[];
  topReferrers: { label: string; count: number }[];
  recentComments: { givenName: string; familyInitial: string; locality: string | null; comment: string; createdAt: Date }[];
}

/**
 * Numbers for the per-campaign dashboard. "Today" and days are in `timeZone` (whole hours: in a
 * zone with a half-hour offset, a day's edge falls on the UTC hour before it).
 *
 * No view scans the campaign's rows: confirmed-signature aggregates (per hour, source, referral
 * code, postal code) come from the campaign's rollup (see foldCampaignRollup, run first) plus
 * the rows not folded yet (sequenced since, or not yet sequenced by the worker's planner), read
 * through the (campaign_id, seq) and unsequenced partial indexes; non-counted statuses are
 * index-only counts. All of it in one REPEATABLE READ snapshot, so the figures agree.
 */
export async function getCampaignDashboard(
  db: Db,
  campaignId: number,
  options: { timeZone?: string; granularity?: 'hour' | 'day' } = {},
): Promise<CampaignDashboard> {
  const tz = options.timeZone ?? 'UTC';
  const granularity = options.granularity ?? 'day';
  await foldCampaignRollup(db, campaignId);
  const read = await db.$transaction(
    async (tx) => {
      const [state] = await tx.$queryRaw<{ to_seq: bigint }[]>`
        SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${campaignId}`;
      const folded = state?.to_seq ?? 0n;
      // One rollup dimension: folded counts plus the unfolded tail, row by row.
      const dimension = (kind: 'hour' | 'source' | 'referrer' | 'postal') => {
        const key = {
          hour: Prisma.raw(HOUR_KEY_SQL),
          source: Prisma.sql`coalesce(source, '(direct)')`,
          referrer: Prisma.sql`referrer_code`,
          postal: Prisma.sql`postal_code`,
        }[kind];
        return Prisma.sql`(
          SELECT key, count AS n FROM campaign_rollup WHERE campaign_id = ${campaignId} AND kind = ${kind}
          UNION ALL
          SELECT ${key} AS key, 1::bigint AS n FROM signature
          WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND seq > ${folded}
          UNION ALL
          SELECT ${key} AS key, 1::bigint AS n FROM signature
          WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND seq IS NULL
        )`;
      };
      const hours = Prisma.sql`(SELECT key::timestamptz AS hour, sum(n)::bigint AS n FROM ${dimension('hour')} d
                                WHERE key IS NOT NULL GROUP BY 1)`;
      const [periods] = await tx.$queryRaw<{ total: bigint | null; today: bigint | null; week: bigint | null }[]>`
        WITH day0 AS (SELECT date_trunc('day', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz} AS t)
        SELECT sum(h.n)::bigint AS total,
               sum(h.n) FILTER (WHERE h.hour >= day0.t)::bigint AS today,
               sum(h.n) FILTER (WHERE h.hour >= day0.t - interval '6 days')::bigint AS week
        FROM ${hours} h, day0`;
      const statusRows = await tx.$queryRaw<{ status: string; n: bigint }[]>`
        SELECT status::text AS status, count(*)::bigint AS n FROM signature
        WHERE campaign_id = ${campaignId} AND status IN ('pending', 'held', 'fraudulent', 'invalidated') GROUP BY status`;
      const [constituents] = await tx.$queryRaw<{ n: bigint | null }[]>`
        SELECT sum(d.n)::bigint AS n FROM ${dimension('postal')} d
        WHERE d.key IN (SELECT unnest(t.postal_codes) FROM campaign_target ct JOIN target t ON t.id = ct.target_id
                        WHERE ct.campaign_id = ${campaignId})`;
      const series =
        granularity === 'hour'
          ? await tx.$queryRaw<{ bucket: Date; n: bigint }[]>`
              SELECT g.bucket, coalesce(h.n, 0)::bigint AS n
              FROM generate_series(date_trunc('hour', now()) - interval '47 hours', date_trunc('hour', now()), interval '1 hour') AS g(bucket)
              LEFT JOIN ${hours} h ON h.hour = g.bucket
              ORDER BY g.bucket`
          : await tx.$queryRaw<{ bucket: Date; n: bigint }[]>`
              SELECT (g.day AT TIME ZONE ${tz}) AS bucket, coalesce(sum(h.n), 0)::bigint AS n
              FROM generate_series(date_trunc('day', now() AT TIME ZONE ${tz}) - interval '29 days',
                                   date_trunc('day', now() AT TIME ZONE ${tz}), interval '1 day') AS g(day)
              LEFT JOIN ${hours} h ON h.hour >= (g.day AT TIME ZONE ${tz}) AND h.hour < ((g.day + interval '1 day') AT TIME ZONE ${tz})
              GROUP BY g.day ORDER BY g.day`;
      const top = (kind: 'source' | 'referrer') => tx.$queryRaw<{ label: string; n: bigint }[]>`
        SELECT d.key AS label, sum(d.n)::bigint AS n FROM ${dimension(kind)} d WHERE d.key IS NOT NULL
        GROUP BY 1 HAVING sum(d.n) > 0 ORDER BY n DESC, label LIMIT 8`;
      const topSources = await top('source');
      const topReferrers = await top('referrer');
      return { periods, statusRows, constituents, series, topSources, topReferrers };
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000 },
  );
  const { periods, statusRows, constituents, series, topSources, topReferrers } = read;
  const byStatus = { pending: 0, confirmed: Number(periods?.total ?? 0), held: 0, fraudulent: 0, invalidated: 0 };
  for (const r of statusRows) byStatus[r.status as keyof typeof byStatus] = Number(r.n);
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
