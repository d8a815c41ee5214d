import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getWebhookEndpoint, listCampaignChoices, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Card, CardBody, CardHeader } from '@undersigned/ui';
import { WebhookEndpointForm } from '@/components/webhooks/webhook-endpoint-form';
import { requireStaff } from '@/server/current-staff';

export const metadata: Metadata = { title: 'Edit webhook endpoint' };

export default async function EditWebhookPage({ params }: { params: Promise<{ id: string }> }) {
  await requireStaff('integration.manage');
  const db = getDb();
  const endpoint = await getWebhookEndpoint(db, (await params).id);
  if (!endpoint) notFound();
  const campaigns = await listCampaignChoices(db);
  return (
    <Card>
      <CardHeader
        title={`Edit “${endpoint.name}”`}
        description="The secret stays the same (rotate it on the endpoint’s page). A new URL is checked again."
      />
      <CardBody>
        <WebhookEndpointForm
          initial={{
            endpointId: endpoint.id,
            name: endpoint.name,
            url: endpoint.url,
            events: endpoint.events,
            campaignIds: endpoint.campaignIds,
            includePerson: endpoint.includePerson,
          }}
          eventTypes={WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] }))}
          campaigns={campaigns}
          cancelHref={`/integrations/webhooks/${endpoint.id}`}
        />
      </CardBody>
    </Card>
  );
}
