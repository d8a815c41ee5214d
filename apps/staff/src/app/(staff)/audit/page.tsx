import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { listAuditLog } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { buttonClass, EmptyState, PageHeader, Select, Table, Td, Th } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Audit log' };

const FILTERS = [
  ['', 'Everything'],
  ['campaign.', 'Campaigns'],
  ['target.', 'Targets'],
  ['delivery.', 'Deliveries'],
  ['response.', 'Responses'],
  ['update.', 'Updates to signers'],
  ['signatures.', 'Signatures & exports'],
  ['person.', 'Erasures'],
  ['staff.', 'Staff'],
  ['apikey.', 'API keys'],
  ['webhook.', 'Webhooks'],
] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireStaff('audit.read');
  const q = z
    .object({
      page: z.coerce.number().int().min(1).max(100_000).catch(1),
      action: z
        .string()
        .max(50)
        .regex(/^[a-z_.]*$/)
        .optional()
        .catch(undefined),
    })
    .parse(await searchParams);
  const log = await listAuditLog(getDb(), { page: q.page, action: q.action || undefined });
  const tz = staffEnv().STAFF_TIME_ZONE;
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const link = (page: number) => `?${new URLSearchParams({ ...(q.action ? { action: q.action } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title="Audit log" description="Who did what, and when. Newest first." />
      <form className="mb-4 flex items-center gap-2">
        <label htmlFor="action" className="sr-only">
          Filter
        </label>
        <div className="w-56">
          <Select id="action" name="action" defaultValue={q.action ?? ''}>
            {FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Filter
        </button>
      </form>
      {log.rows.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>When</Th>
              <Th>Who</Th>
              <Th>Action</Th>
              <Th>On</Th>
              <Th>Details</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {log.rows.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap">{formatDateTime(r.createdAt, tz)}</Td>
                <Td>{r.actor ? (r.actor.name ?? r.actor.email) : <span className="text-slate-500">system</span>}</Td>
                <Td className="font-mono text-xs">{r.action}</Td>
                <Td className="whitespace-nowrap">
                  {r.entityType === 'campaign' && r.entityId ? (
                    <Link className="text-indigo-600 hover:text-indigo-500" href={`/campaigns/${r.entityId}`}>
                      campaign {r.entityId}
                    </Link>
                  ) : (
                    `${r.entityType}${r.entityId ? ` ${r.entityId.slice(0, 12)}` : ''}`
                  )}
                </Td>
                <Td className="max-w-md truncate font-mono text-xs text-slate-500" title={r.data ? JSON.stringify(r.data) : ''}>
                  {r.data ? JSON.stringify(r.data) : ''}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {log.total} entries · page {log.page} of {pages}
        </span>
        <span className="flex gap-2">
          {log.page > 1 ? (
            <Link className={buttonClass('secondary', 'sm')} href={link(log.page - 1)}>
              Previous
            </Link>
          ) : null}
          {log.page < pages ? (
            <Link className={buttonClass('secondary', 'sm')} href={link(log.page + 1)}>
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
