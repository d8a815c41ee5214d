import type { ReactNode } from 'react';
import { PageHeader } from '@undersigned/ui';
import { CampaignTabs } from '@/components/campaign-tabs';
import { requireStaff } from '@/server/current-staff';

/** Integrations (admins): API keys for the authenticated OSDI API, and webhook endpoints. */
export default async function IntegrationsLayout({ children }: { children: ReactNode }) {
  await requireStaff('integration.manage');
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Connect your CRM: API keys let it read people and signatures (OSDI, as Action Network), webhooks push each new action to it as it happens."
      />
      <CampaignTabs
        base="/integrations"
        label="Integration sections"
        tabs={[
          { href: '/api-keys', label: 'API keys' },
          { href: '/webhooks', label: 'Webhooks' },
        ]}
      />
      {children}
    </>
  );
}
