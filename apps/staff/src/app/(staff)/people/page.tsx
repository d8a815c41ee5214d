import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { findPeopleByEmail } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, Card, CardBody, CardHeader, EmptyState, Input, PageHeader, StatusBadge } from '@undersigned/ui';
import { formatDateTime } from '@/components/format';
import { PersonEraseForm } from '@/components/person-erase-form';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';

export const metadata: Metadata = { title: 'Privacy requests' };

export default async function PeoplePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  await requireStaff('person.erase');
  const q = z
    .object({ email: z.string().max(320).optional().catch(undefined), erased: z.coerce.number().int().optional().catch(undefined) })
    .parse(await searchParams);
  const people = q.email ? await findPeopleByEmail(getDb(), q.email) : [];
  const tz = staffEnv().STAFF_TIME_ZONE;
  return (
    <>
      <PageHeader
        title="Privacy requests"
        description="Find a supporter by email to answer an access or erasure request (GDPR/CCPA). Erasure deletes the person and every signature they made; counts stay exact."
      />
      {q.erased !== undefined ? (
        <div className="mb-4">
          <Alert tone="success">Erased, with {q.erased} signature(s). The audit log records the erasure without their data.</Alert>
        </div>
      ) : null}
      <form role="search" className="mb-6 flex flex-wrap gap-2">
        <label htmlFor="email" className="sr-only">
          Email address
        </label>
        <div className="w-full sm:w-96">
          <Input id="email" name="email" type="email" defaultValue={q.email ?? ''} placeholder="supporter@example.org" required />
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Find
        </button>
      </form>
      {q.email && people.length === 0 ? (
        <EmptyState
          title="Nobody with that email"
          description="Addresses are matched exactly and in canonical form (dots and +tags ignored for Gmail)."
        />
      ) : null}
      <div className="space-y-4">
        {people.map((p) => (
          <Card key={p.id}>
            <CardHeader
              title={`${p.givenName} ${p.familyName}`}
              description={[p.email, p.postalCode, p.locality, `joined ${formatDateTime(p.createdAt, tz)}`].filter(Boolean).join(' · ')}
              actions={<PersonEraseForm personId={p.id} name={`${p.givenName} ${p.familyName}`} />}
            />
            <CardBody>
              {p.signatures.length === 0 ? (
                <p className="text-sm text-slate-500">No signatures.</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm">
                  {p.signatures.map((s) => (
                    <li key={s.id.toString()} className="flex flex-wrap items-center justify-between gap-2 py-2">
                      <Link href={`/campaigns/${s.campaign.id}`} className="text-indigo-600 hover:text-indigo-500">
                        {s.campaign.slug}
                      </Link>
                      <span className="flex items-center gap-3 text-slate-600">
                        <StatusBadge status={s.status} /> {formatDateTime(s.createdAt, tz)}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
