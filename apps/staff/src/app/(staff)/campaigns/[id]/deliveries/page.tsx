import type { Metadata } from 'next';
import { can, listCampaignDeliveries, targetDisplayName } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import Link from 'next/link';
import { buttonClass, Card, CardBody, CardHeader, EmptyState, StatusBadge, Table, Td, Th } from '@undersigned/ui';
import { DeliverNowButton, RetryButton } from '@/components/delivery-buttons';
import { formatDateRange, formatDateTime, formatNumber, formatPositions } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Deliveries' };

export default async function DeliveriesPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireStaff('delivery.read');
  const campaign = await loadCampaign((await params).id);
  const env = staffEnv();
  const deliveries = await listCampaignDeliveries(getDb(), campaign.id);
  return (
    <div className="space-y-6">
      {can(actor, 'delivery.trigger') && campaign.targets.length ? (
        <Card>
          <CardHeader
            title="Deliver now"
            description="Sends each target every counted signature it has not received yet, with the same email the schedule sends."
          />
          <CardBody>
            <ul className="divide-y divide-slate-100">
              {campaign.targets.map(({ target, manualEnabled }) => (
                <li key={target.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                  <div>
                    <p className="text-sm font-medium text-slate-900">{targetDisplayName(target)}</p>
                    <p className="text-xs text-slate-500">{target.email ?? 'No email address: the delivery will fail until one is added.'}</p>
                  </div>
                  <div className="flex items-start gap-2">
                    <Link href={`/campaigns/${campaign.id}/deliveries/preview?target=${target.id}`} className={buttonClass('secondary', 'sm')}>
                      Preview email
                    </Link>
                    {manualEnabled ? (
                      <DeliverNowButton campaignId={campaign.id} targetId={target.id} targetName={targetDisplayName(target)} />
                    ) : (
                      <span className="text-xs text-slate-500">Manual delivery is off for this target</span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          </CardBody>
        </Card>
      ) : null}
      {deliveries.length === 0 ? (
        <EmptyState
          title="No deliveries yet"
          description="Deliveries go out when a milestone is crossed, on the digest schedule, or by hand. Set the policy on the Targets tab."
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>When</Th>
              <Th>To</Th>
              <Th>Trigger</Th>
              <Th>Signatures</Th>
              <Th>Status</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((d) => (
              <tr key={d.id}>
                <Td className="whitespace-nowrap">
                  {formatDateTime(d.sentAt ?? d.createdAt, env.STAFF_TIME_ZONE)}
                  {d.requestedBy ? <div className="text-xs text-slate-500">by {d.requestedBy}</div> : null}
                </Td>
                <Td>
                  <div className="font-medium text-slate-900">{d.target.name}</div>
                  <div className="text-xs text-slate-500">{d.target.email ?? 'no email'}</div>
                </Td>
                <Td className="capitalize">
                  {d.trigger}
                  {d.milestone ? <span className="text-slate-500"> · {formatNumber(d.milestone)}</span> : null}
                </Td>
                <Td className="whitespace-nowrap">
                  <div className="font-medium tabular-nums text-slate-900">
                    {d.positions ? (
                      <>
                        {formatPositions(d.positions)}{' '}
                        <span className="font-normal text-slate-500">{d.constituentCount === null ? 'of this campaign' : 'of its constituents'}</span>
                      </>
                    ) : (
                      'None'
                    )}
                  </div>
                  {d.signedBetween ? (
                    <div className="text-xs text-slate-500">
                      signed {formatDateRange(d.signedBetween.first, d.signedBetween.last, env.STAFF_TIME_ZONE)}
                    </div>
                  ) : null}
                  <div className="text-xs text-slate-500">
                    {formatNumber(d.signatureCount)} new · {formatNumber(d.totalCount)} in all
                  </div>
                </Td>
                <Td>
                  <StatusBadge status={d.status} />
                  <div className="mt-1 text-xs text-slate-500">
                    {d.attempts} attempt{d.attempts === 1 ? '' : 's'}
                  </div>
                  {d.status === 'failed' && can(actor, 'delivery.trigger') ? <RetryButton campaignId={campaign.id} deliveryId={d.id} /> : null}
                </Td>
                <Td className="max-w-xs text-xs">
                  {d.lastError ? <p className="text-red-700">{d.lastError}</p> : null}
                  {d.messageId ? (
                    <p className="truncate font-mono text-slate-500" title={d.messageId}>
                      {d.messageId}
                    </p>
                  ) : null}
                  {d.manifestSha256 ? (
                    <p className="truncate font-mono text-slate-500" title={d.manifestSha256}>
                      sha256 {d.manifestSha256.slice(0, 16)}…
                    </p>
                  ) : null}
                  <p className="font-mono text-slate-500" title="The delivery sequence range, as the manifest and the public record state it">
                    range ({d.fromSeq}, {d.toSeq}]
                  </p>
                  <a
                    href={`${env.PUBLIC_WEB_URL}/deliveries/${d.id}`}
                    className="text-indigo-600 hover:text-indigo-500"
                    target="_blank"
                    rel="noreferrer"
                  >
                    Public record ↗
                  </a>
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </div>
  );
}
