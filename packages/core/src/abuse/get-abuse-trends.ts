import { Prisma, type Db } from '@undersigned/db';
import type { AbuseListMode } from './abuse-list-entry-input';
import { isDisposableDomain } from './is-disposable-domain';

/** How many IP hashes and email domains each window lists. */
export const ABUSE_TRENDS_TOP = 20;

export interface AbuseTrendRow {
  /** The IP hash (64 hex) or the email domain. */
  value: string;
  /** Signatures in the window, whatever their status. */
  signatures: number;
  held: number;
  /** held / signatures, 0–1. */
  heldShare: number;
  /** Counted (confirmed) signatures. */
  counted: number;
  /** Distinct campaigns these signatures went to. */
  campaigns: number;
  firstSeen: Date;
  lastSeen: Date;
  /** The block or allow list this value is on, if any. */
  list: AbuseListMode | null;
  /** Email domains only: a throwaway-mail domain (the disposable-email-domains package). */
  disposable?: boolean;
}

export interface AbuseTrendWindow {
  /** The window is (from, to]. */
  from: Date;
  to: Date;
  /** Every signature in the window, across campaigns, and how many of them are held. */
  signatures: number;
  held: number;
  ipHashes: AbuseTrendRow[];
  emailDomains: AbuseTrendRow[];
}

export interface AbuseTrends {
  hour: AbuseTrendWindow;
  day: AbuseTrendWindow;
}

interface TrendSqlRow {
  kind: 'ip_hash' | 'email_domain';
  value: string;
  list: AbuseListMode | null;
  d_rank: bigint;
  h_rank: bigint;
  d_total: bigint;
  d_held: bigint;
  d_counted: bigint;
  d_campaigns: bigint;
  d_first: Date;
  d_last: Date;
  h_total: bigint;
  h_held: bigint;
  h_counted: bigint;
  h_campaigns: bigint;
  h_first: Date | null;
  h_last: Date | null;
  d_all: bigint;
  d_all_held: bigint;
  h_all: bigint;
  h_all_held: bigint;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * What a moderator under a bot attack looks at first: the IP hashes and email domains with the
 * most signatures across all campaigns over the last hour and the last day, each with how many
 * are held for review, how many count, how many campaigns they touched, when they were first and
 * last seen, whether the value is on the block or allow list, and (domains) whether it is a
 * disposable-mail domain. Signatures of every status count towards the ranking.
 *
 * One query: the day's signatures are found through the BRIN index on signature.created_at (rows
 * arrive in created_at order), aggregated once per (kind, value) with the hour's figures as
 * FILTERed aggregates, ranked per window, and joined to the lists.
 */
export async function getAbuseTrends(db: Db, options: { now?: Date } = {}): Promise<AbuseTrends> {
  const now = options.now ?? new Date();
  const hourFrom = new Date(now.getTime() - HOUR_MS);
  const dayFrom = new Date(now.getTime() - DAY_MS);
  const inHour = Prisma.sql`s.created_at > ${hourFrom}::timestamptz`;
  const aggregates = Prisma.sql`
    count(*) AS d_total,
    count(*) FILTER (WHERE s.status = 'held') AS d_held,
    count(*) FILTER (WHERE s.status = 'confirmed') AS d_counted,
    min(s.created_at) AS d_first,
    max(s.created_at) AS d_last,
    count(*) FILTER (WHERE ${inHour}) AS h_total,
    count(*) FILTER (WHERE ${inHour} AND s.status = 'held') AS h_held,
    count(*) FILTER (WHERE ${inHour} AND s.status = 'confirmed') AS h_counted,
    min(s.created_at) FILTER (WHERE ${inHour}) AS h_first,
    max(s.created_at) FILTER (WHERE ${inHour}) AS h_last`;
  const rows = await db.$queryRaw<TrendSqlRow[]>`
    WITH per_campaign AS (
      -- Hash-aggregated per (value, campaign) first: no sort of the day's rows, and campaigns
      -- touched become a plain count below instead of a count(DISTINCT) that sorts.
      SELECT 'ip_hash' AS kind, s.ip_hash AS value, ${aggregates}
      FROM signature s
      WHERE s.created_at > ${dayFrom}::timestamptz AND s.created_at <= ${now}::timestamptz AND s.ip_hash IS NOT NULL
      GROUP BY s.ip_hash, s.campaign_id
      UNION ALL
      SELECT 'email_domain', split_part(p.canonical_email, '@', 2), ${aggregates}
      FROM signature s JOIN person p ON p.id = s.person_id
      WHERE s.created_at > ${dayFrom}::timestamptz AND s.created_at <= ${now}::timestamptz
      GROUP BY split_part(p.canonical_email, '@', 2), s.campaign_id
    ),
    stats AS (
      SELECT kind, value,
        sum(d_total)::bigint AS d_total, sum(d_held)::bigint AS d_held, sum(d_counted)::bigint AS d_counted, count(*) AS d_campaigns,
        min(d_first) AS d_first, max(d_last) AS d_last,
        sum(h_total)::bigint AS h_total, sum(h_held)::bigint AS h_held, sum(h_counted)::bigint AS h_counted, count(*) FILTER (WHERE h_total > 0) AS h_campaigns,
        min(h_first) AS h_first, max(h_last) AS h_last
      FROM per_campaign
      WHERE value <> ''
      GROUP BY kind, value
    ),
    ranked AS (
      SELECT stats.*,
        row_number() OVER (PARTITION BY kind ORDER BY d_total DESC, value COLLATE "C") AS d_rank,
        row_number() OVER (PARTITION BY kind ORDER BY h_total DESC, value COLLATE "C") AS h_rank,
        sum(d_total) OVER (PARTITION BY kind)::bigint AS d_all,
        sum(d_held) OVER (PARTITION BY kind)::bigint AS d_all_held,
        sum(h_total) OVER (PARTITION BY kind)::bigint AS h_all,
        sum(h_held) OVER (PARTITION BY kind)::bigint AS h_all_held
      FROM stats
    )
    SELECT r.*, l.mode::text AS list
    FROM ranked r
    LEFT JOIN abuse_list_entry l ON l.kind::text = r.kind AND l.value = r.value
    WHERE r.d_rank <= ${ABUSE_TRENDS_TOP} OR (r.h_rank <= ${ABUSE_TRENDS_TOP} AND r.h_total > 0)`;

  const hour: AbuseTrendWindow = { from: hourFrom, to: now, signatures: 0, held: 0, ipHashes: [], emailDomains: [] };
  const day: AbuseTrendWindow = { from: dayFrom, to: now, signatures: 0, held: 0, ipHashes: [], emailDomains: [] };
  const hourRows: (TrendSqlRow & { rank: number; row: AbuseTrendRow })[] = [];
  const dayRows: (TrendSqlRow & { rank: number; row: AbuseTrendRow })[] = [];
  for (const r of rows) {
    const disposable = r.kind === 'email_domain' ? { disposable: isDisposableDomain(r.value) } : {};
    // Every email has a domain, so the domains' totals are the window's totals.
    if (r.kind === 'email_domain') {
      day.signatures = Number(r.d_all);
      day.held = Number(r.d_all_held);
      hour.signatures = Number(r.h_all);
      hour.held = Number(r.h_all_held);
    }
    if (Number(r.d_rank) <= ABUSE_TRENDS_TOP) {
      dayRows.push({
        ...r,
        rank: Number(r.d_rank),
        row: trendRow(r.value, r.list, r.d_total, r.d_held, r.d_counted, r.d_campaigns, r.d_first, r.d_last, disposable),
      });
    }
    if (Number(r.h_rank) <= ABUSE_TRENDS_TOP && r.h_total > 0n && r.h_first && r.h_last) {
      hourRows.push({
        ...r,
        rank: Number(r.h_rank),
        row: trendRow(r.value, r.list, r.h_total, r.h_held, r.h_counted, r.h_campaigns, r.h_first, r.h_last, disposable),
      });
    }
  }
  for (const [window, list] of [
    [hour, hourRows],
    [day, dayRows],
  ] as const) {
    list.sort((a, b) => a.rank - b.rank);
    window.ipHashes = list.filter((r) => r.kind === 'ip_hash').map((r) => r.row);
    window.emailDomains = list.filter((r) => r.kind === 'email_domain').map((r) => r.row);
  }
  return { hour, day };
}

function trendRow(
  value: string,
  list: AbuseListMode | null,
  total: bigint,
  held: bigint,
  counted: bigint,
  campaigns: bigint,
  firstSeen: Date,
  lastSeen: Date,
  disposable: { disposable?: boolean },
): AbuseTrendRow {
  const signatures = Number(total);
  return {
    value,
    signatures,
    held: Number(held),
    heldShare: signatures ? Number(held) / signatures : 0,
    counted: Number(counted),
    campaigns: Number(campaigns),
    firstSeen,
    lastSeen,
    list,
    ...disposable,
  };
}
