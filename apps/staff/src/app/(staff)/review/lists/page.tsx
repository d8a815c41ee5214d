import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { listAbuseListEntries, type AbuseListEntryRow, type AbuseListKind } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Badge, buttonClass, Card, CardBody, CardHeader, cx, EmptyState, PageHeader, Table, Td, Th } from '@undersigned/ui';
import { AbuseListForm } from '@/components/abuse/abuse-list-form';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { CopyButton } from '@/components/copy-button';
import { formatDateTime } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { removeAbuseListEntryAction } from './actions';

export const metadata: Metadata = { title: 'Block and allow lists' };

const PAGE_SIZE = 25;

const page = z.coerce.number().int().min(1).max(100_000).optional().catch(undefined);
const querySchema = z.object({
  mode: z.enum(['block', 'allow']).optional().catch(undefined),
  ipPage: page,
  domainPage: page,
});
type Query = z.output<typeof querySchema>;

export default async function AbuseListsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireStaff('abuse.manage');
  const query = querySchema.parse(await searchParams);
  const db = getDb();
  const [ips, domains] = await Promise.all([
    listAbuseListEntries(db, { kind: 'ip_hash', mode: query.mode, page: query.ipPage, pageSize: PAGE_SIZE }),
    listAbuseListEntries(db, { kind: 'email_domain', mode: query.mode, page: query.domainPage, pageSize: PAGE_SIZE }),
  ]);
  const tz = staffEnv().STAFF_TIME_ZONE;
  const href = (changes: Partial<Record<keyof Query, string | number | undefined>>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, ...changes })) if (v !== undefined && v !== '') params.set(k, String(v));
    const s = params.toString();
    return s ? `/review/lists?${s}` : '/review/lists';
  };
  return (
    <>
      <PageHeader
        title="Block and allow lists"
        description="Permanent rules for IP hashes and email domains, on every campaign."
        actions={
          <Link href="/review" className={buttonClass('secondary')}>
            Review queue
          </Link>
        }
      />
      <div className="mb-6 grid gap-4 md:grid-cols-2">
        <Card>
          <CardBody className="space-y-1 text-sm text-slate-700">
            <h2 className="font-semibold text-slate-900">Block</h2>
            <p>
              Signatures from a blocked IP hash or email domain are stored and held for review, on every campaign. They do not count, and confirming
              by email does not release them: only someone approving them in the review queue does. The signer sees the usual thank-you page.
            </p>
          </CardBody>
        </Card>
        <Card>
          <CardBody className="space-y-1 text-sm text-slate-700">
            <h2 className="font-semibold text-slate-900">Allow</h2>
            <p>
              An allowed IP hash is exempt from the per-address limits (a campus, an office, a library). An allowed email domain is exempt from the
              per-domain limits and the disposable-domain check (a university’s domain, say). Duplicates are still refused, and the block list still
              applies.
            </p>
          </CardBody>
        </Card>
      </div>
      <Card className="mb-8">
        <CardHeader
          title="Add to a list"
          description="A value already on the other list moves to this one. Signatures already stored do not change; review them in the queue."
        />
        <CardBody>
          <AbuseListForm />
        </CardBody>
      </Card>
      <nav aria-label="Show" className="mb-4 flex flex-wrap gap-1 text-sm">
        {([undefined, 'block', 'allow'] as const).map((mode) => (
          <Link
            key={mode ?? 'all'}
            href={href({ mode, ipPage: undefined, domainPage: undefined })}
            aria-current={query.mode === mode ? 'page' : undefined}
            className={cx(
              'rounded-md px-3 py-1.5 font-medium',
              query.mode === mode ? 'bg-slate-900 text-white' : 'text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-slate-50',
            )}
          >
            {mode === 'block' ? 'Blocked only' : mode === 'allow' ? 'Allowed only' : 'Both lists'}
          </Link>
        ))}
      </nav>
      <ListSection
        id="ip-hashes"
        title="IP hashes"
        kind="ip_hash"
        list={ips}
        tz={tz}
        pageHref={(p) => `${href({ ipPage: p })}#ip-hashes`}
        empty={query.mode ? `No IP hash is on the ${query.mode} list.` : 'No IP hash is on either list.'}
      />
      <ListSection
        id="email-domains"
        title="Email domains"
        kind="email_domain"
        list={domains}
        tz={tz}
        pageHref={(p) => `${href({ domainPage: p })}#email-domains`}
        empty={query.mode ? `No email domain is on the ${query.mode} list.` : 'No email domain is on either list.'}
      />
    </>
  );
}

function ListSection({
  id,
  title,
  kind,
  list,
  tz,
  pageHref,
  empty,
}: {
  id: string;
  title: string;
  kind: AbuseListKind;
  list: { rows: AbuseListEntryRow[]; total: number; page: number; pageSize: number };
  tz: string;
  pageHref: (page: number) => string;
  empty: string;
}) {
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="mb-10">
      <h2 id={`${id}-heading`} className="mb-3 text-base font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">({list.total})</span>
      </h2>
      {list.rows.length === 0 ? (
        <EmptyState
          title={list.total > 0 ? 'No entries on this page' : empty}
          description={list.total > 0 ? undefined : 'Add one above, or from the trends panel on the home page.'}
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{kind === 'ip_hash' ? 'IP hash' : 'Domain'}</Th>
              <Th>List</Th>
              <Th>Note</Th>
              <Th>Added</Th>
              <Th className="text-right">Actions</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {list.rows.map((row) => {
              const shown = kind === 'ip_hash' ? `${row.value.slice(0, 12)}…` : row.value;
              return (
                <tr key={row.id}>
                  <Td>
                    {kind === 'ip_hash' ? (
                      <span className="flex flex-wrap items-center gap-2">
                        <code title={row.value} className="font-mono text-sm text-slate-900">
                          {shown}
                        </code>
                        <CopyButton value={row.value} label={`IP hash ${shown}`} />
                      </span>
                    ) : (
                      <span className="font-medium break-all text-slate-900">{row.value}</span>
                    )}
                  </Td>
                  <Td>{row.mode === 'block' ? <Badge tone="red">Blocked</Badge> : <Badge tone="green">Allowed</Badge>}</Td>
                  <Td className="max-w-xs text-slate-700">{row.note ?? <span className="text-slate-500">—</span>}</Td>
                  <Td className="text-slate-700">
                    <div>{formatDateTime(row.createdAt, tz)}</div>
                    <div className="text-xs text-slate-500">
                      {row.createdBy ? (row.createdBy.name ?? row.createdBy.email) : 'A former staff member'}
                    </div>
                  </Td>
                  <Td className="text-right">
                    <div className="flex justify-end">
                      <ConfirmActionButton
                        action={removeAbuseListEntryAction}
                        fields={{ id: row.id }}
                        label="Remove"
                        pendingLabel="Removing…"
                        variant="danger"
                        confirm={{
                          title: `Remove ${shown} from the ${row.mode} list?`,
                          body:
                            row.mode === 'block'
                              ? 'New signatures from it follow the ordinary rules again. Signatures already held stay held until someone reviews them.'
                              : 'New signatures from it are subject to the ordinary limits again. Signatures already counted stay counted.',
                          yes: 'Remove',
                        }}
                      />
                    </div>
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      {list.total > list.pageSize ? (
        <nav aria-label={`${title} pages`} className="mt-4 flex items-center justify-between text-sm text-slate-600">
          <span>
            {list.total} entries · page {list.page} of {pages}
          </span>
          <span className="flex gap-2">
            {list.page > 1 ? (
              <Link className={buttonClass('secondary', 'sm')} href={pageHref(list.page - 1)}>
                Previous
              </Link>
            ) : null}
            {list.page < pages ? (
              <Link className={buttonClass('secondary', 'sm')} href={pageHref(list.page + 1)}>
                Next
              </Link>
            ) : null}
          </span>
        </nav>
      ) : null}
    </section>
  );
}
