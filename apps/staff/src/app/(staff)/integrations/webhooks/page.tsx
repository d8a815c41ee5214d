import type { Metadata } from 'next';
import Link from 'next/link';
import { listDisabledWebhookNotices, listCampaignChoices, listWebhookEndpoints, WEBHOOK_EVENT_LABELS } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, EmptyState, Table, Td, Th } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';
import { DeliveryStatus } from '@/components/webhooks/delivery-status';
import { DisabledWebhooksNotice } from '@/components/webhooks/disabled-webhooks-notice';
import { WebhookStatusBadge } from '@/components/webhooks/webhook-status-badge';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Webhooks' };

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  await requireStaff('integration.manage');
  const db = getDb();
  const [endpoints, notices, campaigns] = await Promise.all([listWebhookEndpoints(db), listDisabledWebhookNotices(db), listCampaignChoices(db)]);
  const tz = staffEnv().STAFF_TIME_ZONE;
  const title = new Map(campaigns.map((c) => [c.id, c.title]));
  const query = await searchParams;
  return (
    <div className="space-y-6">
      {query.deleted ? <Alert tone="success">Endpoint deleted. Nothing more is sent to it.</Alert> : null}
      <DisabledWebhooksNotice notices={notices} timeZone={tz} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h2 className="text-base font-semibold text-slate-900">Webhook endpoints</h2>
          <p className="mt-1 text-sm text-slate-600">
            We POST each new action — a signature, an erasure, a delivery — to your receiver within seconds, signed with the endpoint’s secret
            (Standard Webhooks).
          </p>
        </div>
        {endpoints.length > 0 ? (
          <Link href="/integrations/webhooks/new" className={buttonClass('primary')}>
            Add an endpoint
          </Link>
        ) : null}
      </div>
      {endpoints.length === 0 ? (
        <EmptyState
          title="No webhook endpoints yet"
          description={
            <>
              Add your CRM’s receiver URL and choose events. Each request is signed following Standard Webhooks (<code>webhook-id</code>,{' '}
              <code>webhook-timestamp</code>, <code>webhook-signature</code>), so any Standard Webhooks library verifies it; under load, events are
              batched into one POST; failed requests are retried with backoff for a day. Payloads, headers and a verification example: section
              “Webhooks” of the API documentation, <code className="font-mono">apps/web/README.md</code>.
            </>
          }
          action={
            <Link href="/integrations/webhooks/new" className={buttonClass('primary')}>
              Add an endpoint
            </Link>
          }
        />
      ) : (
        <>
          {/* Below md, five columns do not fit: each endpoint is a block with labels. */}
          <ul className="space-y-3 md:hidden" aria-label="Webhook endpoints">
            {endpoints.map((e) => (
              <li key={e.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/integrations/webhooks/${e.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                    {e.name}
                  </Link>
                  <WebhookStatusBadge endpoint={e} timeZone={tz} />
                </div>
                <p className="mt-1 font-mono text-xs break-all text-slate-600">{e.url}</p>
                <dl className="mt-3 space-y-2 text-xs">
                  <div>
                    <dt className="font-medium text-slate-600">Events</dt>
                    <dd className="text-slate-800">{e.events.map((type) => WEBHOOK_EVENT_LABELS[type]).join(' · ')}</dd>
                  </div>
                  <div>
                    <dt className="font-medium text-slate-600">Campaigns</dt>
                    <dd className="text-slate-800">
                      {e.campaignIds.length === 0 ? 'All campaigns' : e.campaignIds.map((id) => title.get(id) ?? `#${id} (deleted)`).join(' · ')}
                    </dd>
                  </div>
                  <div>
                    <dt className="font-medium text-slate-600">Last delivery</dt>
                    <dd className="text-slate-800">
                      {e.lastDelivery ? (
                        <>
                          <DeliveryStatus status={e.lastDelivery.status} /> {e.lastDelivery.statusCode ? `HTTP ${e.lastDelivery.statusCode} · ` : ''}
                          {formatDateTime(e.lastDelivery.at, tz)}
                          {e.lastDelivery.test ? ' · test' : ''}
                        </>
                      ) : (
                        'None yet'
                      )}
                      {e.pendingCount || e.failedCount ? ` (${e.pendingCount} pending, ${e.failedCount} failed)` : null}
                    </dd>
                  </div>
                </dl>
                {e.includePerson ? <p className="mt-2 text-xs text-amber-800">Includes person data</p> : null}
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <Table>
              <caption className="sr-only">Webhook endpoints</caption>
              <thead>
                <tr>
                  <Th>Endpoint</Th>
                  <Th>Events</Th>
                  <Th>Campaigns</Th>
                  <Th>Status</Th>
                  <Th>Last delivery</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {endpoints.map((e) => (
                  <tr key={e.id}>
                    <Td className="max-w-xs">
                      <Link href={`/integrations/webhooks/${e.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                        {e.name}
                      </Link>
                      <p className="mt-0.5 font-mono text-xs break-all text-slate-600">{e.url}</p>
                      {e.includePerson ? <p className="mt-1 text-xs text-amber-800">Includes person data</p> : null}
                    </Td>
                    <Td>
                      <ul className="space-y-0.5 text-xs">
                        {e.events.map((type) => (
                          <li key={type}>{WEBHOOK_EVENT_LABELS[type]}</li>
                        ))}
                      </ul>
                    </Td>
                    <Td className="text-xs">
                      {e.campaignIds.length === 0 ? (
                        'All campaigns'
                      ) : (
                        <ul className="space-y-0.5">
                          {e.campaignIds.map((id) => (
                            <li key={id}>{title.get(id) ?? `#${id} (deleted)`}</li>
                          ))}
                        </ul>
                      )}
                    </Td>
                    <Td>
                      <WebhookStatusBadge endpoint={e} timeZone={tz} />
                      {e.failedCount || e.pendingCount ? (
                        <p className="mt-1 text-xs text-slate-600">
                          {e.pendingCount ? `${e.pendingCount} pending` : null}
                          {e.pendingCount && e.failedCount ? ' · ' : null}
                          {e.failedCount ? `${e.failedCount} failed` : null}
                        </p>
                      ) : null}
                    </Td>
                    <Td className="text-xs whitespace-nowrap">
                      {e.lastDelivery ? (
                        <>
                          <DeliveryStatus status={e.lastDelivery.status} />
                          {e.lastDelivery.statusCode ? <span className="ml-1 text-slate-600">HTTP {e.lastDelivery.statusCode}</span> : null}
                          <p className="mt-1 text-slate-600">
                            {formatDateTime(e.lastDelivery.at, tz)}
                            {e.lastDelivery.test ? ' · test' : ''}
                          </p>
                        </>
                      ) : (
                        <span className="text-slate-600">None yet</span>
                      )}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </>
      )}
    </div>
  );
}
