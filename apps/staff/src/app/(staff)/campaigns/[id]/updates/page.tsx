import type { Metadata } from 'next';
import Link from 'next/link';
import { can, getUpdateCapStatus, listCampaignUpdates } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, Card, CardBody, CardHeader, EmptyState, StatusBadge, Table, Td, Th } from '@undersigned/ui';
import { formatDateTime, formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';
import { CapSummary } from '@/components/cap-summary';

export const metadata: Metadata = { title: 'Updates' };

export default async function UpdatesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ deleted?: string }>;
}) {
  const actor = await requireStaff('update.read');
  const campaign = await loadCampaign((await params).id);
  const { deleted } = await searchParams;
  const db = getDb();
  const [updates, cap] = await Promise.all([listCampaignUpdates(db, campaign.id), getUpdateCapStatus(db, campaign.id)]);
  const tz = staffEnv().STAFF_TIME_ZONE;
  const base = `/campaigns/${campaign.id}/updates`;
  const mayWrite = can(actor, 'update.send');
  return (
    <div className="space-y-6">
      {deleted ? <Alert tone="success">Draft deleted.</Alert> : null}
      {campaign.status === 'victory' && mayWrite ? (
        <Alert tone="success" title="This campaign won.">
          <Link href={`${base}/new?from=victory`} className="font-medium underline underline-offset-2">
            Write an update about this →
          </Link>
        </Alert>
      ) : null}
      <Card>
        <CardHeader
          title="Updates to signers"
          description="Emails to the signers who asked for updates: each consenting signer once, in their language, never after they unsubscribe or bounce."
          actions={
            mayWrite ? (
              <Link href={`${base}/new`} className={buttonClass('primary')}>
                New update
              </Link>
            ) : null
          }
        />
        {cap ? (
          <CardBody>
            <CapSummary cap={cap} timeZone={tz} />
          </CardBody>
        ) : null}
      </Card>
      {updates.length === 0 ? (
        <EmptyState
          title="No updates yet"
          description="Tell signers what happened: a response from a target, a delivery, a win. Record a response on the Responses tab to start from a prefilled update."
          action={
            mayWrite ? (
              <Link href={`${base}/new`} className={buttonClass('secondary')}>
                Write the first update
              </Link>
            ) : null
          }
        />
      ) : (
        <Table>
          <caption className="sr-only">Updates of this campaign, newest first</caption>
          <thead>
            <tr>
              <Th>Subject</Th>
              <Th>Status</Th>
              <Th>Progress</Th>
              <Th>Bounces · complaints</Th>
              <Th>When</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {updates.map((u) => (
              <tr key={u.id}>
                <Td className="max-w-xs">
                  <Link href={`${base}/${u.id}`} className="font-medium text-indigo-700 hover:text-indigo-500">
                    {u.subject}
                  </Link>
                  <div className="text-xs text-slate-600">
                    {u.locales.map((l) => (l === 'en' ? 'English' : 'Español')).join(' · ') || 'no language complete'}
                  </div>
                </Td>
                <Td>
                  <StatusBadge status={u.status} />
                </Td>
                <Td className="min-w-40">
                  {u.status === 'draft' ? (
                    <span className="text-xs text-slate-600">not sent</span>
                  ) : (
                    <>
                      <div className="text-xs tabular-nums text-slate-700">
                        {formatNumber(u.sent)} sent of {formatNumber(u.recipientCount)}
                        {u.failed ? ` · ${formatNumber(u.failed)} failed` : ''}
                      </div>
                      <div
                        role="progressbar"
                        aria-label={`Progress of “${u.subject}”`}
                        aria-valuemin={0}
                        aria-valuemax={100}
                        aria-valuenow={u.percent}
                        className="mt-1 h-1.5 rounded bg-slate-100"
                      >
                        <div className="h-1.5 rounded bg-indigo-500" style={{ width: `${u.percent}%` }} />
                      </div>
                    </>
                  )}
                </Td>
                <Td className="tabular-nums">
                  {formatNumber(u.bounces)} · {formatNumber(u.complaints)}
                </Td>
                <Td className="whitespace-nowrap text-xs text-slate-600">
                  {u.sendRequestedAt ? `sent ${formatDateTime(u.sendRequestedAt, tz)}` : `written ${formatDateTime(u.createdAt, tz)}`}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
