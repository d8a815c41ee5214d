import type { Metadata } from 'next';
import Link from 'next/link';
import { can, getCampaignDashboard, listCampaignEvents } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, BarChart, Card, CardBody, CardHeader, Stat } from '@undersigned/ui';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import { formatDateTime, formatDateTimeRange, formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Dashboard' };

const DONE: Record<string, string> = {
  publish: 'Published. The campaign is live.',
  close: 'Closed. It no longer takes signatures.',
  victory: 'Marked as a victory. Congratulations!',
  reopen: 'Reopened. It takes signatures again.',
};

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '—';
}

export default async function CampaignDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ done?: string; by?: string }>;
}) {
  const actor = await requireStaff('dashboard.read');
  const campaign = await loadCampaign((await params).id);
  const { done, by } = await searchParams;
  const tz = staffEnv().STAFF_TIME_ZONE;
  const granularity = by === 'hour' ? 'hour' : 'day';
  const [d, events] = await Promise.all([
    getCampaignDashboard(getDb(), campaign.id, { timeZone: tz, granularity }),
    listCampaignEvents(getDb(), campaign.id),
  ]);
  const signedUp = d.byStatus.confirmed + d.byStatus.pending;
  const fmtBucket = (iso: string) =>
    new Intl.DateTimeFormat(
      'en-US',
      granularity === 'hour' ? { hour: 'numeric', timeZone: tz } : { month: 'short', day: 'numeric', timeZone: tz },
    ).format(new Date(iso));
  return (
    <div className="space-y-6">
      {done && DONE[done] ? (
        <Alert tone="success">
          {DONE[done]}
          {done === 'victory' && can(actor, 'update.send') ? (
            <>
              {' '}
              <Link href={`/campaigns/${campaign.id}/updates/new?from=victory`} className="font-medium underline underline-offset-2">
                Write an update about this →
              </Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat
          label="Total signatures"
          value={formatNumber(d.total)}
          hint={`${percent(d.total, campaign.goal)} of the ${formatNumber(campaign.goal)} goal`}
        />
        <Stat label="Today" value={formatNumber(d.today)} hint={`since midnight, ${tz}`} />
        <Stat label="Last 7 days" value={formatNumber(d.last7Days)} />
        <Stat
          label="Constituents"
          value={formatNumber(d.constituents)}
          hint={`${percent(d.constituents, d.byStatus.confirmed)} in a target’s jurisdiction`}
        />
      </dl>
      <Card>
        <CardHeader
          title="Signatures over time"
          description={granularity === 'hour' ? 'Confirmed signatures per hour, last 48 hours' : 'Confirmed signatures per day, last 30 days'}
          actions={
            <div className="flex gap-1 rounded-md bg-slate-100 p-0.5 text-xs font-medium">
              <Link href="?by=day" className={`rounded px-2.5 py-1 ${granularity === 'day' ? 'bg-white shadow-sm' : 'text-slate-600'}`}>
                Days
              </Link>
              <Link href="?by=hour" className={`rounded px-2.5 py-1 ${granularity === 'hour' ? 'bg-white shadow-sm' : 'text-slate-600'}`}>
                Hours
              </Link>
            </div>
          }
        />
        <CardBody>
          <BarChart
            label="Signatures over time"
            data={d.series.map((p) => ({ bucket: p.bucket.toISOString(), count: p.count }))}
            formatBucket={fmtBucket}
          />
        </CardBody>
      </Card>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Status" description="Only confirmed signatures count." />
          <CardBody>
            <dl className="space-y-2 text-sm">
              {(['confirmed', 'pending', 'held', 'fraudulent', 'invalidated'] as const).map((s) => (
                <div key={s} className="flex justify-between">
                  <dt className="text-slate-600 capitalize">{s}</dt>
                  <dd className="font-medium tabular-nums">
                    {formatNumber(d.byStatus[s])}
                    {s === 'confirmed' || s === 'pending' ? (
                      <span className="ml-2 text-xs text-slate-500">{percent(d.byStatus[s], signedUp)}</span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Top sources" description="The ?source= of the link signers came from." />
          <CardBody>
            <RankList rows={d.topSources} empty="No signatures yet." />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Top referral codes" description="Signers who brought others." />
          <CardBody>
            <RankList rows={d.topReferrers} empty="No referred signatures yet." />
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader
          title="Events"
          description="Signatures through event sign-up links (signing tables)."
          actions={
            <Link href={`/campaigns/${campaign.id}/events`} className="text-sm font-medium text-indigo-600 hover:text-indigo-500">
              {can(actor, 'event.manage') ? 'Manage events →' : 'All events →'}
            </Link>
          }
        />
        <CardBody>
          {events.length === 0 ? (
            <p className="text-sm text-slate-500">No event links yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {events.slice(0, 5).map((e) => (
                <li key={e.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium text-slate-900">{e.name}</span> <EventStatusBadge status={e.status} />
                    <span className="block text-xs text-slate-500">{formatDateTimeRange(e.startsAt, e.endsAt, tz)}</span>
                  </span>
                  <span className="text-slate-700 tabular-nums">
                    {formatNumber(e.counts.counted)} counted · {formatNumber(e.counts.pending)} pending · {formatNumber(e.counts.held)} held
                  </span>
                </li>
              ))}
            </ul>
          )}
          {events.length > 5 ? <p className="mt-2 text-xs text-slate-500">and {events.length - 5} more on the Events tab.</p> : null}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Recent comments" />
        <CardBody>
          {d.recentComments.length === 0 ? (
            <p className="text-sm text-slate-500">No comments yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {d.recentComments.map((c, i) => (
                <li key={i} className="py-3 text-sm">
                  <p className="text-slate-800">“{c.comment}”</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {c.givenName} {c.familyInitial}.{c.locality ? `, ${c.locality}` : ''} · {formatDateTime(c.createdAt, tz)}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}

function RankList({ rows, empty }: { rows: { label: string; count: number }[]; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.count));
  return (
    <ul className="space-y-2 text-sm">
      {rows.map((r) => (
        <li key={r.label}>
          <div className="flex justify-between gap-2">
            <span className="truncate text-slate-700">{r.label}</span>
            <span className="font-medium tabular-nums">{formatNumber(r.count)}</span>
          </div>
          <div className="mt-1 h-1.5 rounded bg-slate-100">
            <div className="h-1.5 rounded bg-indigo-400" style={{ width: `${(r.count / max) * 100}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}
