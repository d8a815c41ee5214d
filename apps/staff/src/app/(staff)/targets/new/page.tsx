import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { Card, CardBody, PageHeader } from '@undersigned/ui';
import { TargetForm } from '@/components/target-form';
import { requireStaff } from '@/server/current-staff';

export const metadata: Metadata = { title: 'New target' };

export default async function NewTargetPage({ searchParams }: { searchParams: Promise<{ campaign?: string }> }) {
  await requireStaff('target.edit');
  const campaign = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await searchParams).campaign);
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/targets" className="hover:text-slate-800">
            Targets
          </Link>
        }
        title="New target"
        description={campaign.success ? 'It will be attached to the campaign once saved.' : undefined}
      />
      <Card className="max-w-3xl">
        <CardBody>
          <TargetForm
            submitLabel={campaign.success ? 'Save and attach' : 'Save target'}
            returnTo={campaign.success ? `/campaigns/${campaign.data}/targets` : undefined}
            initial={{
              title: '',
              givenName: '',
              familyName: '',
              organization: '',
              email: '',
              ocdDivisionId: '',
              postalCodes: '',
              timeZone: 'America/Los_Angeles',
            }}
          />
        </CardBody>
      </Card>
    </>
  );
}
