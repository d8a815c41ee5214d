import { Prisma, type Db } from '@undersigned/db';
import { parseReviewSelection, reviewSelectionSql, type HoldReason, type ReviewStatus } from './review-selection';

/** Groups listed per grouping, largest first. */
export const HELD_GROUPS_LIMIT = 50;

export interface HeldGroupSample {
  givenName: string;
  lastInitial: string;
  city: string | null;
  at: Date;
}

export interface HeldGroup {
  /** The IP hash, the email domain, or the hour's start (ISO, UTC). */
  key: string;
  count: number;
  /** Campaigns the group's signatures belong to. */
  campaigns: number;
  firstAt: Date;
  lastAt: Date;
  /** Distinct hold reasons in the group. */
  reasons: string[];
  /** Up to 3, newest first: first name, last initial, city, time. Never an email or a full family name. */
  samples: HeldGroupSample[];
}

export interface HeldGroups {
  byIpHash: HeldGroup[];
  byEmailDomain: HeldGroup[];
  byHour: HeldGroup[];
}

interface GroupSqlRow {
  kind: 'ip' | 'domain' | 'hour';
  key: string;
  n: bigint;
  campaigns: bigint;
  first_at: Date;
  last_at: Date;
  reasons: string[] | null;
  samples: { givenName: string; lastInitial: string; city: string | null; at: string }[] | null;
}

/**
 * The review queue's groups: signatures to review (held by default) grouped by IP hash, by the
 * email domain of the signer's canonical address, and by the hour they arrived, each with its
 * count, how many campaigns it spans, first and last time, hold reasons and three samples. At
 * most HELD_GROUPS_LIMIT groups per grouping, largest first. One campaign, or all of them.
 */
export async function listHeldGroups(
  db: Db,
  input: { campaignId?: number; statuses?: ReviewStatus[]; heldReason?: HoldReason; window?: { from?: Date; to?: Date } } = {},
): Promise<HeldGroups> {
  const sel = parseReviewSelection(
    { campaignId: input.campaignId, statuses: input.statuses, heldReason: input.heldReason, from: input.window?.from, to: input.window?.to },
    { forReading: true },
  );
  const where = reviewSelectionSql(sel);
  const aggregates = Prisma.sql`count(*)::bigint AS n, count(DISTINCT campaign_id)::bigint AS campaigns,
    min(created_at) AS first_at, max(created_at) AS last_at,
    array_remove(array_agg(DISTINCT held_reason), NULL) AS reasons,
    to_jsonb((array_agg(jsonb_build_object('givenName', given_name, 'lastInitial', initial, 'city', locality, 'at', created_at)
      ORDER BY created_at DESC, id DESC))[1:3]) AS samples`;
  const rows = await db.$queryRaw<GroupSqlRow[]>`
    WITH m AS MATERIALIZED (
      SELECT s.id, s.campaign_id, s.ip_hash, split_part(p.canonical_email, '@', 2) AS domain,
             to_char(date_trunc('hour', s.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:00:00"Z"') AS hour,
             s.created_at, s.held_reason::text AS held_reason, s.given_name, upper(left(s.family_name, 1)) AS initial, s.locality
      FROM signature s JOIN person p ON p.id = s.person_id
      WHERE ${where}
    ),
    ip AS (SELECT 'ip' AS kind, ip_hash AS key, ${aggregates} FROM m WHERE ip_hash IS NOT NULL
           GROUP BY ip_hash ORDER BY n DESC, last_at DESC LIMIT ${HELD_GROUPS_LIMIT}),
    dom AS (SELECT 'domain' AS kind, domain AS key, ${aggregates} FROM m WHERE domain <> ''
            GROUP BY domain ORDER BY n DESC, last_at DESC LIMIT ${HELD_GROUPS_LIMIT}),
    hr AS (SELECT 'hour' AS kind, hour AS key, ${aggregates} FROM m
           GROUP BY hour ORDER BY n DESC, last_at DESC LIMIT ${HELD_GROUPS_LIMIT})
    SELECT * FROM ip UNION ALL SELECT * FROM dom UNION ALL SELECT * FROM hr`;
  const groups: HeldGroups = { byIpHash: [], byEmailDomain: [], byHour: [] };
  for (const r of rows) {
    const group: HeldGroup = {
      key: r.key,
      count: Number(r.n),
      campaigns: Number(r.campaigns),
      firstAt: r.first_at,
      lastAt: r.last_at,
      reasons: r.reasons ?? [],
      samples: (r.samples ?? []).map((s) => ({ givenName: s.givenName, lastInitial: s.lastInitial, city: s.city, at: new Date(s.at) })),
    };
    (r.kind === 'ip' ? groups.byIpHash : r.kind === 'domain' ? groups.byEmailDomain : groups.byHour).push(group);
  }
  // UNION ALL keeps each part's rows but not, by the standard, their order.
  for (const list of Object.values(groups) as HeldGroup[][]) list.sort((a, b) => b.count - a.count || b.lastAt.getTime() - a.lastAt.getTime());
  return groups;
}
