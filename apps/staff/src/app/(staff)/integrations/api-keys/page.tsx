import type { Metadata } from 'next';
import { API_KEY_DEFAULT_RATE_LIMIT, listApiKeys, listCampaignChoices, type ApiKeySummary } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Badge, Card, CardBody, CardHeader, cx, EmptyState, Table, Td, Th } from '@undersigned/ui';
import { CreateApiKeyForm } from '@/components/api-keys/create-api-key-form';
import { RotateApiKeyButton } from '@/components/api-keys/rotate-api-key-button';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { formatDateTime, formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { revokeApiKeyAction } from './actions';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  await requireStaff('integration.manage');
  const db = getDb();
  const [keys, campaigns] = await Promise.all([listApiKeys(db), listCampaignChoices(db)]);
  const env = staffEnv();
  const tz = env.STAFF_TIME_ZONE;
  const exampleUrl = `${env.PUBLIC_WEB_URL.replace(/\/$/, '')}/api/v1/people`;
  return (
    <div className="space-y-8">
      <Card>
        <CardHeader
          title="Create an API key"
          description="A key lets another system read people and signatures through the OSDI API. Its secret is shown once, when you create it."
        />
        <CardBody>
          <CreateApiKeyForm campaigns={campaigns} exampleUrl={exampleUrl} defaultRateLimit={API_KEY_DEFAULT_RATE_LIMIT} />
        </CardBody>
      </Card>

      <section aria-labelledby="api-keys-heading">
        <h2 id="api-keys-heading" className="mb-3 text-base font-semibold text-slate-900">
          Keys
        </h2>
        {keys.length === 0 ? (
          <EmptyState
            title="No API keys yet"
            description={
              <>
                An API key lets your CRM (Action Network, EveryAction, CiviCRM, Salesforce…) pull the people who signed and their signatures, and with
                write scope record signatures itself. See the API documentation in <code className="font-mono">apps/web/README.md</code>.
              </>
            }
          />
        ) : (
          <Table>
            <caption className="sr-only">API keys, newest first</caption>
            {/* Below lg each key is a stacked block with its own labels: seven columns do not fit a phone. */}
            <thead className="hidden lg:table-header-group">
              <tr>
                <Th>Key</Th>
                <Th>Scope</Th>
                <Th>Campaigns</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th>Status</Th>
                <Th className="text-right">Actions</Th>
              </tr>
            </thead>
            <tbody className="block divide-y divide-slate-100 lg:table-row-group">
              {keys.map((key) => (
                <tr key={key.id} className={cx('block max-lg:py-2 lg:table-row', key.revokedAt ? 'bg-slate-50' : undefined)}>
                  <Td className={cell}>
                    <div className="font-medium text-slate-900 lg:min-w-40">{key.name}</div>
                    <div className="font-mono text-xs text-slate-600">{key.prefix}…</div>
                    <div className="text-xs text-slate-600">{formatNumber(key.rateLimitPerMinute)} requests/min</div>
                  </Td>
                  <Td className={cx(cell, 'whitespace-nowrap')}>
                    <Label>Scope</Label>
                    {key.scope === 'write' ? <Badge tone="violet">Read + write</Badge> : <Badge tone="blue">Read</Badge>}
                  </Td>
                  <Td className={cell}>
                    <Label>Campaigns</Label>
                    <Campaigns campaigns={key.campaigns} />
                  </Td>
                  <Td className={cx(cell, 'lg:whitespace-nowrap')}>
                    <Label>Created</Label>
                    <div>{formatDateTime(key.createdAt, tz)}</div>
                    <div className="text-xs text-slate-600">
                      {key.createdBy ? (key.createdBy.name ?? key.createdBy.email) : 'A former staff member'}
                    </div>
                  </Td>
                  <Td className={cx(cell, 'lg:whitespace-nowrap')}>
                    <Label>Last used</Label>
                    {key.lastUsedAt ? formatDateTime(key.lastUsedAt, tz) : <span className="text-slate-600">Never</span>}
                  </Td>
                  <Td className={cell}>
                    <Label>Status</Label>
                    <Status apiKey={key} tz={tz} />
                  </Td>
                  <Td className={cell}>
                    {key.revokedAt ? null : (
                      <div className="flex items-start gap-2 lg:justify-end">
                        <RotateApiKeyButton keyId={key.id} name={key.name} exampleUrl={exampleUrl} />
                        <ConfirmActionButton
                          action={revokeApiKeyAction}
                          fields={{ keyId: key.id }}
                          label="Revoke"
                          pendingLabel="Revoking…"
                          variant="danger"
                          confirm={{
                            title: `Revoke “${key.name}”?`,
                            body: 'Requests with this key are refused at once, including a previous secret kept by a rotation. This cannot be undone: to reconnect, create a new key.',
                            yes: 'Revoke key',
                          }}
                        />
                      </div>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </div>
  );
}

/** A cell: a labelled line of the key's block below lg, a table cell from lg. */
const cell = 'block max-lg:py-1 lg:table-cell';

/** The column's name beside the value, below lg only (from lg the table header says it). */
function Label({ children }: { children: string }) {
  return <span className="mr-2 text-xs font-semibold tracking-wide text-slate-600 uppercase lg:hidden">{children}</span>;
}

function Campaigns({ campaigns }: { campaigns: ApiKeySummary['campaigns'] }) {
  if (campaigns === 'all') return <span>All campaigns</span>;
  const shown = campaigns.slice(0, 3);
  return (
    <ul className="inline-block space-y-0.5 align-top lg:block">
      {shown.map((c) => (
        <li key={c.id}>{c.title}</li>
      ))}
      {campaigns.length > shown.length ? <li className="text-xs text-slate-600">and {campaigns.length - shown.length} more</li> : null}
    </ul>
  );
}

function Status({ apiKey, tz }: { apiKey: ApiKeySummary; tz: string }) {
  if (apiKey.revokedAt) {
    return (
      <div className="inline-block align-top lg:block">
        <Badge tone="gray">Revoked</Badge>
        <div className="mt-1 text-xs text-slate-600">{formatDateTime(apiKey.revokedAt, tz)}</div>
      </div>
    );
  }
  return (
    <div className="inline-block align-top lg:block">
      <Badge tone="green">Active</Badge>
      {apiKey.rotatedAt ? <div className="mt-1 text-xs text-slate-600">Rotated {formatDateTime(apiKey.rotatedAt, tz)}</div> : null}
      {apiKey.previousSecretValidUntil ? (
        <div className="mt-1 text-xs text-amber-800">Previous secret valid until {formatDateTime(apiKey.previousSecretValidUntil, tz)}</div>
      ) : null}
    </div>
  );
}
