import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { z } from 'zod';
import { can, listCampaigns } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { buttonClass, EmptyState, Input, PageHeader, Select, StatusBadge, Table, Td, Th } from '@undersigned/ui';
import { AbuseTrendsPanel, AbuseTrendsPanelLoading } from '@/components/abuse/abuse-trends-panel';
import { formatDate, formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Campaigns' };

const querySchema = z.object({
  status: z.enum(['draft', 'published', 'closed', 'victory']).optional().catch(undefined),
  q: z.string().max(200).optional().catch(undefined),
  // The trends panel (staff with abuse.manage): its window, and whether to show the whole top list.
  trends: z.enum(['hour', 'day']).optional().catch(undefined),
  top: z.literal('all').optional().catch(undefined),
});

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const actor = await requireStaff('campaign.read');
  const query = querySchema.parse(await searchParams);
  const env = staffEnv();
  const rows = await listCampaigns(getDb(), { status: query.status, q: query.q, timeZone: env.STAFF_TIME_ZONE });
  const trendsWindow = query.trends ?? 'hour';
  const here = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ status: query.status, q: query.q, trends: trendsWindow, top: query.top, ...changes }))
      if (v) params.set(k, v);
    return `/campaigns?${params.toString()}#trends`;
  };
  const filtered = Boolean(query.status || query.q);
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Every petition, its targets, and how it is doing today."
        actions={
          can(actor, 'campaign.create') ? (
            <Link href="/campaigns/new" className={buttonClass('primary')}>
              New campaign
            </Link>
          ) : null
        }
      />
      {can(actor, 'abuse.manage') ? (
        <Suspense fallback={<AbuseTrendsPanelLoading />}>
          <AbuseTrendsPanel
            window={trendsWindow}
            all={query.top === 'all'}
            timeZone={env.STAFF_TIME_ZONE}
            hrefs={{
              hour: here({ trends: 'hour' }),
              day: here({ trends: 'day' }),
              all: here({ top: 'all' }),
              short: here({ top: undefined }),
            }}
          />
        </Suspense>
      ) : null}
      <form className="mb-4 flex flex-wrap items-center gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Search campaigns
        </label>
        <div className="w-full sm:w-72">
          <Input id="q" name="q" defaultValue={query.q ?? ''} placeholder="Search title or slug" />
        </div>
        <label htmlFor="status" className="sr-only">
          Status
        </label>
        <div className="w-40">
          <Select id="status" name="status" defaultValue={query.status ?? ''}>
            <option value="">All statuses</option>
            <option value="draft">Draft</option>
            <option value="published">Published</option>
            <option value="closed">Closed</option>
            <option value="victory">Victory</option>
          </Select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
        {filtered ? (
          <Link href="/campaigns" className="text-sm text-slate-500 hover:text-slate-800">
            Clear
          </Link>
        ) : null}
      </form>
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? 'No campaigns match' : 'No campaigns yet'}
          description={filtered ? 'Try another search or status.' : 'Create the first petition to get started.'}
          action={
            !filtered && can(actor, 'campaign.create') ? (
              <Link href="/campaigns/new" className={buttonClass('primary')}>
                New campaign
              </Link>
            ) : null
          }
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Campaign</Th>
              <Th>Status</Th>
              <Th>Targets</Th>
              <Th className="text-right">Signatures</Th>
              <Th className="text-right">Today</Th>
              <Th>Last delivery</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((c) => (
              <tr key={c.id} className="hover:bg-slate-50">
                <Td className="max-w-md">
                  <Link href={`/campaigns/${c.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                    {c.title}
                  </Link>
                  <div className="text-xs text-slate-500">/{c.slug}</div>
                </Td>
                <Td>
                  <StatusBadge status={c.status} />
                </Td>
                <Td className="text-slate-600">{c.targets.length ? c.targets.join(', ') : <span className="text-slate-500">None</span>}</Td>
                <Td className="text-right tabular-nums">
                  <span className="font-medium text-slate-900">{formatNumber(c.count)}</span>
                  <span className="text-slate-500"> / {formatNumber(c.goal)}</span>
                </Td>
                <Td className="text-right tabular-nums">{c.today ? `+${formatNumber(c.today)}` : '0'}</Td>
                <Td className="text-slate-600">{formatDate(c.lastDeliveryAt, env.STAFF_TIME_ZONE)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="mt-3 text-xs text-slate-500">
        {rows.length} campaign{rows.length === 1 ? '' : 's'} · “Today” counts confirmed signatures since midnight ({env.STAFF_TIME_ZONE}).
      </p>
    </>
  );
}
