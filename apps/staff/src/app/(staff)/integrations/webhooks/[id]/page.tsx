import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { getWebhookEndpoint, listCampaignChoices, listWebhookDeliveries, WEBHOOK_EVENT_LABELS } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, Card, CardBody, CardHeader, cx, EmptyState, Table, Td, Th } from '@undersigned/ui';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { formatDateTime, formatNumber } from '@/components/format';
import { DeliveryStatus } from '@/components/webhooks/delivery-status';
import { RotateSecretButton } from '@/components/webhooks/rotate-secret-button';
import { WebhookStatusBadge } from '@/components/webhooks/webhook-status-badge';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import {
  deleteWebhookEndpointAction,
  redeliverFailedWebhooksAction,
  redeliverWebhookAction,
  sendTestWebhookAction,
  setWebhookEnabledAction,
} from '../actions';

export const metadata: Metadata = { title: 'Webhook endpoint' };

const FILTERS = [
  ['', 'All'],
  ['pending', 'Pending'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
] as const;

const querySchema = z.object({
  cursor: z.string().max(100).optional().catch(undefined),
  status: z.enum(['pending', 'succeeded', 'failed']).optional().catch(undefined),
  saved: z.string().max(5).optional().catch(undefined),
});

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  await requireStaff('integration.manage');
  const db = getDb();
  const endpoint = await getWebhookEndpoint(db, (await params).id);
  if (!endpoint) notFound();
  const q = querySchema.parse(await searchParams);
  const [log, campaigns] = await Promise.all([
    listWebhookDeliveries(db, endpoint.id, { cursor: q.cursor, status: q.status }),
    endpoint.campaignIds.length ? listCampaignChoices(db) : Promise.resolve([]),
  ]);
  const tz = staffEnv().STAFF_TIME_ZONE;
  const base = `/integrations/webhooks/${endpoint.id}`;
  const link = (p: { status?: string; cursor?: string }) => {
    const s = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => Boolean(e[1])));
    return s.size ? `${base}?${s}` : base;
  };
  const title = new Map(campaigns.map((c) => [c.id, c.title]));
  const failedOnPage = log.deliveries.some((d) => d.status === 'failed');

  return (
    <div className="space-y-6">
      <Link href="/integrations/webhooks" className="text-sm text-indigo-700 hover:underline">
        ← All webhook endpoints
      </Link>
      {q.saved ? <Alert tone="success">Changes saved.</Alert> : null}
      {!endpoint.enabled && endpoint.disabledReason ? (
        <Alert tone="warning" title={`Disabled after failing for a day${endpoint.disabledAt ? ` (${formatDateTime(endpoint.disabledAt, tz)})` : ''}`}>
          {endpoint.disabledReason} Fix the receiver, enable the endpoint, then “Redeliver all failed” sends what it missed.
        </Alert>
      ) : null}

      <Card>
        <CardHeader
          title={
            <span className="flex flex-wrap items-center gap-2">
              {endpoint.name} <WebhookStatusBadge endpoint={endpoint} timeZone={tz} />
            </span>
          }
          description={<span className="font-mono text-xs break-all">{endpoint.url}</span>}
          actions={
            <Link href={`${base}/edit`} className={buttonClass('secondary', 'sm')}>
              Edit
            </Link>
          }
        />
        <CardBody className="space-y-5">
          <dl className="grid gap-4 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-xs font-medium text-slate-600">Events</dt>
              <dd className="mt-1">
                <ul className="space-y-0.5">
                  {endpoint.events.map((type) => (
                    <li key={type}>{WEBHOOK_EVENT_LABELS[type]}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Campaigns</dt>
              <dd className="mt-1">
                {endpoint.campaignIds.length === 0 ? (
                  'All campaigns'
                ) : (
                  <ul className="space-y-0.5">
                    {endpoint.campaignIds.map((id) => (
                      <li key={id}>{title.get(id) ?? `#${id} (deleted)`}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium text-slate-600">Person data</dt>
              <dd className="mt-1">
                {endpoint.includePerson ? 'Name, email and address included in signature events' : 'Not included (identifiers and links only)'}
              </dd>
              {endpoint.previousSecretExpiresAt ? (
                <>
                  <dt className="mt-3 text-xs font-medium text-slate-600">Previous secret</dt>
                  <dd className="mt-1">Also signs until {formatDateTime(endpoint.previousSecretExpiresAt, tz)}</dd>
                </>
              ) : null}
            </div>
          </dl>
          <div className="flex flex-wrap items-start gap-3 border-t border-slate-200 pt-4">
            {endpoint.enabled ? (
              <ConfirmActionButton
                action={sendTestWebhookAction}
                fields={{ endpointId: endpoint.id }}
                label="Send a test event"
                pendingLabel="Queuing…"
              />
            ) : null}
            {endpoint.enabled ? (
              <ConfirmActionButton
                action={setWebhookEnabledAction}
                fields={{ endpointId: endpoint.id, enabled: 'false' }}
                label="Disable"
                confirm={{
                  title: 'Disable this endpoint?',
                  body: 'Nothing is sent to it until you enable it again. New events are not kept for it meanwhile.',
                  yes: 'Yes, disable',
                }}
              />
            ) : (
              <ConfirmActionButton
                action={setWebhookEnabledAction}
                fields={{ endpointId: endpoint.id, enabled: 'true' }}
                label="Enable"
                variant="primary"
              />
            )}
            <RotateSecretButton endpointId={endpoint.id} />
            <ConfirmActionButton
              action={deleteWebhookEndpointAction}
              fields={{ endpointId: endpoint.id }}
              label="Delete"
              variant="danger"
              confirm={{
                title: `Delete “${endpoint.name}”?`,
                body: 'The endpoint, its delivery log and anything still queued for it are deleted. The receiver gets nothing more.',
                yes: 'Yes, delete it',
              }}
            />
          </div>
        </CardBody>
      </Card>

      <section aria-labelledby="log-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="log-heading" className="text-base font-semibold text-slate-900">
            Delivery log
          </h2>
          <div className="flex flex-wrap items-center gap-3">
            <nav aria-label="Filter deliveries">
              <ul className="flex gap-1">
                {FILTERS.map(([value, label]) => {
                  const current = (q.status ?? '') === value;
                  return (
                    <li key={value}>
                      <Link
                        href={link({ status: value })}
                        aria-current={current ? 'page' : undefined}
                        className={cx(
                          'rounded-md px-2.5 py-1.5 text-xs font-medium',
                          current ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100',
                        )}
                      >
                        {label}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
            {endpoint.enabled && (failedOnPage || q.status === 'failed' || !q.status) ? (
              <ConfirmActionButton
                action={redeliverFailedWebhooksAction}
                fields={{ endpointId: endpoint.id }}
                label="Redeliver all failed"
                confirm={{
                  title: 'Send every failed delivery again?',
                  body: 'Each goes out again with its own webhook-id, so a receiver that already has one can ignore it.',
                  yes: 'Yes, redeliver',
                }}
              />
            ) : null}
          </div>
        </div>
        {log.deliveries.length === 0 ? (
          <EmptyState
            title={q.status || q.cursor ? 'No deliveries here' : 'No deliveries yet'}
            description={
              q.status || q.cursor
                ? 'Nothing matches this filter.'
                : 'Events of the types this endpoint subscribes to appear here as they are sent. “Send a test event” tries the connection now.'
            }
          />
        ) : (
          <Table>
            <caption className="sr-only">Deliveries to {endpoint.name}, newest first</caption>
            <thead>
              <tr>
                <Th>Time</Th>
                <Th>Events</Th>
                <Th className="hidden sm:table-cell">Status</Th>
                <Th className="hidden sm:table-cell">Attempts</Th>
                <Th className="hidden sm:table-cell">Response</Th>
                <Th className="hidden sm:table-cell">Latency</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            {log.deliveries.map((d) => (
              <tbody key={d.id} className="border-t border-slate-200">
                <tr>
                  <Td className="min-w-28 text-xs sm:text-sm">
                    {formatDateTime(d.createdAt, tz)}
                    <span className="mt-1 block sm:hidden">
                      <DeliveryStatus status={d.status} />
                    </span>
                  </Td>
                  <Td className="text-xs">
                    <span className="font-medium text-slate-800">
                      {formatNumber(d.eventCount)} event{d.eventCount === 1 ? '' : 's'}
                    </span>
                    {d.eventTypes.length ? (
                      <ul className="mt-0.5 text-slate-600">
                        {d.eventTypes.map((e) => (
                          <li key={e.type}>
                            <code>{e.type}</code>
                            {e.count > 1 ? ` × ${formatNumber(e.count)}` : ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </Td>
                  <Td className="hidden sm:table-cell">
                    <DeliveryStatus status={d.status} />
                    {d.status === 'pending' && d.attempts > 0 ? (
                      <p className="mt-1 text-xs text-slate-600">Next try {formatDateTime(d.nextAttemptAt, tz)}</p>
                    ) : null}
                  </Td>
                  <Td className="hidden sm:table-cell">{d.attempts}</Td>
                  <Td className="hidden text-xs sm:table-cell">{d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError ? 'No answer' : '—'}</Td>
                  <Td className="hidden text-xs whitespace-nowrap sm:table-cell">
                    {d.lastLatencyMs === null ? '—' : `${formatNumber(d.lastLatencyMs)} ms`}
                  </Td>
                  <Td>
                    {endpoint.enabled && (d.status === 'failed' || d.status === 'succeeded') ? (
                      <ConfirmActionButton
                        action={redeliverWebhookAction}
                        fields={{ endpointId: endpoint.id, deliveryId: d.id }}
                        label="Redeliver"
                        variant="ghost"
                        pendingLabel="Queuing…"
                      />
                    ) : null}
                  </Td>
                </tr>
                <tr>
                  <td colSpan={7} className="px-4 pb-3">
                    <details className="text-xs">
                      <summary className="cursor-pointer text-slate-600 hover:text-slate-900">
                        {d.attemptLog.length === 0 ? 'No attempts yet' : `${d.attemptLog.length} attempt${d.attemptLog.length === 1 ? '' : 's'}`} ·
                        webhook-id <code className="break-all">{d.webhookId}</code>
                      </summary>
                      {d.attemptLog.length ? (
                        <ol className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3" aria-label={`Attempts of delivery ${d.webhookId}`}>
                          {d.attemptLog.map((a) => (
                            <li key={a.attempt}>
                              <p className="flex flex-wrap gap-x-3 gap-y-0.5">
                                <span className="font-medium text-slate-800">Attempt {a.attempt}</span>
                                <span>{formatDateTime(a.at, tz)}</span>
                                <span className={a.ok ? 'text-emerald-800' : 'text-red-700'}>
                                  {a.ok ? 'OK' : 'Failed'}
                                  {a.statusCode ? ` · HTTP ${a.statusCode}` : ''}
                                </span>
                                <span>{formatNumber(a.latencyMs)} ms</span>
                              </p>
                              {a.detail ? <p className="mt-0.5 font-mono break-all text-slate-700">{a.detail}</p> : null}
                            </li>
                          ))}
                        </ol>
                      ) : null}
                    </details>
                  </td>
                </tr>
              </tbody>
            ))}
          </Table>
        )}
        <nav aria-label="Delivery log pages" className="flex justify-between text-sm">
          {q.cursor ? (
            <Link href={link({ status: q.status })} className="text-indigo-700 hover:underline">
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {log.nextCursor ? (
            <Link href={link({ status: q.status, cursor: log.nextCursor })} className="text-indigo-700 hover:underline">
              Older →
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
