import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTarget, targetDisplayName } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Card, CardBody, PageHeader } from '@undersigned/ui';
import { TargetForm } from '@/components/target-form';
import { requireStaff } from '@/server/current-staff';
import { recordIdSchema } from '@/server/record-id';

export const metadata: Metadata = { title: 'Edit target' };

export default async function EditTargetPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('target.edit');
  const id = recordIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const t = await getTarget(getDb(), id.data);
  if (!t) notFound();
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/targets" className="hover:text-slate-800">
            Targets
          </Link>
        }
        title={targetDisplayName(t)}
      />
      <Card className="max-w-3xl">
        <CardBody>
          <TargetForm
            submitLabel="Save target"
            initial={{
              id: t.id,
              title: t.title,
              givenName: t.givenName ?? '',
              familyName: t.familyName ?? '',
              organization: t.organization ?? '',
              email: t.email ?? '',
              ocdDivisionId: t.ocdDivisionId ?? '',
              postalCodes: t.postalCodes.join(', '),
              timeZone: t.timeZone,
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
