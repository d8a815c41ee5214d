import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { can, listTargets, targetDisplayName } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, EmptyState, Input, PageHeader, Table, Td, Th } from '@undersigned/ui';
import { requireStaff } from '@/server/current-staff';

export const metadata: Metadata = { title: 'Targets' };

export default async function TargetsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const actor = await requireStaff('target.read');
  const { q, saved } = z
    .object({ q: z.string().max(200).optional().catch(undefined), saved: z.string().max(12).optional().catch(undefined) })
    .parse(await searchParams);
  const targets = await listTargets(getDb(), { q });
  const editable = can(actor, 'target.edit');
  return (
    <>
      <PageHeader
        title="Targets"
        description="Officials and bodies that receive deliveries."
        actions={
          editable ? (
            <Link href="/targets/new" className={buttonClass('primary')}>
              New target
            </Link>
          ) : null
        }
      />
      {saved ? (
        <div className="mb-4">
          <Alert tone="success">Target saved.</Alert>
        </div>
      ) : null}
      <form role="search" className="mb-4 flex gap-2">
        <label htmlFor="q" className="sr-only">
          Search targets
        </label>
        <div className="w-full sm:w-80">
          <Input id="q" name="q" defaultValue={q ?? ''} placeholder="Search name, office, email, OCD id" />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
      </form>
      {targets.length === 0 ? (
        <EmptyState
          title={q ? 'No targets match' : 'No targets yet'}
          description={q ? 'Try another search.' : 'Add the officials your campaigns speak to.'}
        />
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Target</Th>
              <Th>Email</Th>
              <Th>Division</Th>
              <Th className="text-right">Postal codes</Th>
              <Th className="text-right">Campaigns</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {targets.map((t) => (
              <tr key={t.id} className="hover:bg-slate-50">
                <Td>
                  {editable ? (
                    <Link href={`/targets/${t.id}`} className="font-medium text-slate-900 hover:text-indigo-600">
                      {targetDisplayName(t)}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900">{targetDisplayName(t)}</span>
                  )}
                  {t.organization ? <div className="text-xs text-slate-500">{t.organization}</div> : null}
                </Td>
                <Td>{t.email ?? <span className="text-amber-700">No email</span>}</Td>
                <Td className="max-w-xs truncate font-mono text-xs text-slate-500" title={t.ocdDivisionId ?? ''}>
                  {t.ocdDivisionId ?? '—'}
                </Td>
                <Td className="text-right tabular-nums">{t.postalCodes.length}</Td>
                <Td className="text-right tabular-nums">{t._count.campaigns}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
