import Link from 'next/link';
import type { ReactNode } from 'react';
import { can, lifecycleActionsFor } from '@undersigned/core';
import { PageHeader, StatusBadge, buttonClass } from '@undersigned/ui';
import { CampaignTabs } from '@/components/campaign-tabs';
import { LifecycleButtons } from '@/components/lifecycle-buttons';
import { formatNumber } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';

export default async function CampaignLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const actor = await requireStaff('campaign.read');
  const { id } = await params;
  const campaign = await loadCampaign(id);
  const base = `/campaigns/${campaign.id}`;
  const publicUrl = `${staffEnv().PUBLIC_WEB_URL}/petitions/${campaign.slug}`;
  const tabs = [
    { href: '', label: 'Dashboard' },
    ...(can(actor, 'campaign.edit') ? [{ href: '/edit', label: 'Edit' }] : []),
    { href: '/targets', label: 'Targets' },
    ...(can(actor, 'signature.read') ? [{ href: '/signatures', label: 'Signatures' }] : []),
    ...(can(actor, 'signature.review') ? [{ href: '/review', label: 'Review' }] : []),
    { href: '/deliveries', label: 'Deliveries' },
    { href: '/responses', label: 'Responses' },
    { href: '/events', label: 'Events' },
    ...(can(actor, 'update.read') ? [{ href: '/updates', label: 'Updates' }] : []),
  ];
  return (
    <>
      {/* Printed pages (an event's sign) show only their own content. */}
      <div className="print:hidden">
        <PageHeader
          breadcrumb={
            <Link href="/campaigns" className="hover:text-slate-800">
              Campaigns
            </Link>
          }
          title={campaign.title}
          description={
            <span className="flex flex-wrap items-center gap-2">
              <StatusBadge status={campaign.status} />
              <span>
                {formatNumber(campaign.count)} of {formatNumber(campaign.goal)} signatures
              </span>
              <span aria-hidden>·</span>
              {campaign.status === 'draft' ? (
                <Link href={`${base}/preview`} className="text-indigo-600 hover:text-indigo-500">
                  Preview public page
                </Link>
              ) : (
                <a href={publicUrl} className="text-indigo-600 hover:text-indigo-500" target="_blank" rel="noreferrer">
                  /petitions/{campaign.slug} ↗
                </a>
              )}
            </span>
          }
          actions={
            can(actor, 'campaign.lifecycle') ? (
              <LifecycleButtons
                campaignId={campaign.id}
                actions={lifecycleActionsFor(campaign.status)}
                locales={campaign.translations.map((t) => t.locale)}
              />
            ) : campaign.status === 'draft' ? (
              <Link href={`${base}/preview`} className={buttonClass('secondary')}>
                Preview
              </Link>
            ) : null
          }
        />
        <CampaignTabs base={base} tabs={tabs} />
      </div>
      {children}
    </>
  );
}
