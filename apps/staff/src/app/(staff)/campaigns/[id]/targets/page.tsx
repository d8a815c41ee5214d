import type { Metadata } from 'next';
import Link from 'next/link';
import { can, listTargets, targetDisplayName } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, buttonClass, Card, CardBody, CardHeader, EmptyState } from '@undersigned/ui';
import { AttachTargetForm } from '@/components/attach-target-form';
import { PolicyForm } from '@/components/policy-form';
import { requireStaff } from '@/server/current-staff';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Targets' };

export default async function CampaignTargetsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireStaff('target.read');
  const campaign = await loadCampaign((await params).id);
  const { created } = await searchParams;
  const editable = can(actor, 'target.edit');
  const attached = new Set(campaign.targets.map((t) => t.targetId));
  const directory = editable ? (await listTargets(getDb())).filter((t) => !attached.has(t.id)) : [];
  return (
    <div className="space-y-6">
      {created ? (
        <Alert tone="success" title="Draft created">
          Now attach the officials it speaks to and set when they receive signatures. Then publish.
        </Alert>
      ) : null}
      {editable ? (
        <Card>
          <CardBody className="flex flex-wrap items-end gap-4">
            <div className="flex-1">
              <AttachTargetForm
                campaignId={campaign.id}
                options={directory.map((t) => ({ id: t.id, label: `${targetDisplayName(t)}${t.organization ? ` — ${t.organization}` : ''}` }))}
              />
            </div>
            <Link href={`/targets/new?campaign=${campaign.id}`} className={buttonClass('ghost')}>
              Or create a new target
            </Link>
          </CardBody>
        </Card>
      ) : null}
      {campaign.targets.length === 0 ? (
        <EmptyState title="No targets yet" description="A campaign needs at least one target before it can be published." />
      ) : (
        campaign.targets.map(({ target, ...policy }) => (
          <Card key={target.id}>
            <CardHeader
              title={targetDisplayName(target)}
              description={[
                target.organization,
                target.email ?? 'No email address — deliveries will fail',
                `${target.postalCodes.length} postal codes`,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
            <CardBody>
              <PolicyForm
                campaignId={campaign.id}
                targetId={target.id}
                timeZone={target.timeZone}
                editable={editable}
                initial={{
                  milestones: policy.milestones,
                  scheduleCadence: policy.scheduleCadence,
                  scheduleTime: policy.scheduleTime,
                  scheduleWeekday: policy.scheduleWeekday,
                  constituentsOnly: policy.constituentsOnly,
                  manualEnabled: policy.manualEnabled,
                }}
              />
            </CardBody>
          </Card>
        ))
      )}
    </div>
  );
}
