import type { Metadata } from 'next';
import { listCampaignChoices, WEBHOOK_EVENT_LABELS, WEBHOOK_EVENT_TYPES } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Card, CardBody, CardHeader } from '@undersigned/ui';
import { WebhookEndpointForm } from '@/components/webhooks/webhook-endpoint-form';
import { requireStaff } from '@/server/current-staff';

export const metadata: Metadata = { title: 'Add a webhook endpoint' };

export default async function NewWebhookPage() {
  await requireStaff('integration.manage');
  const campaigns = await listCampaignChoices(getDb());
  return (
    <Card>
      <CardHeader title="Add a webhook endpoint" description="We sign every request; you get the signing secret once, right after adding." />
      <CardBody>
        <WebhookEndpointForm
          initial={{
            endpointId: null,
            name: '',
            url: '',
            events: ['signature.created', 'signature.removed', 'person.erased'],
            campaignIds: [],
            includePerson: false,
          }}
          eventTypes={WEBHOOK_EVENT_TYPES.map((type) => ({ type, label: WEBHOOK_EVENT_LABELS[type] }))}
          campaigns={campaigns}
          cancelHref="/integrations/webhooks"
        />
      </CardBody>
    </Card>
  );
}
