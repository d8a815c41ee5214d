import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { buildNextDeliveryEmail } from '@undersigned/core/mail';
import { dbEnv, getDb } from '@undersigned/db';
import { Card, CardBody, CardHeader } from '@undersigned/ui';
import { DeliverNowButton, SendTestButton } from '@/components/delivery-buttons';
import { formatDateRange, formatNumber, formatPositions } from '@/components/format';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Delivery preview' };

export default async function DeliveryPreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ target?: string }>;
}) {
  await requireStaff('delivery.trigger');
  const campaign = await loadCampaign((await params).id);
  const targetId = z.coerce
    .number()
    .int()
    .positive()
    .safeParse((await searchParams).target);
  const pair = targetId.success ? campaign.targets.find((t) => t.targetId === targetId.data) : undefined;
  if (!pair) notFound();
  const email = await buildNextDeliveryEmail(
    getDb(),
    { campaignId: campaign.id, targetId: pair.targetId },
    {
      databaseUrl: dbEnv().DATABASE_URL,
      publicWebUrl: staffEnv().PUBLIC_WEB_URL,
    },
  );
  await email.csv.cleanup();
  return (
    <div className="space-y-4">
      <Link href={`/campaigns/${campaign.id}/deliveries`} className="text-sm text-slate-500 hover:text-slate-800">
        ← Deliveries
      </Link>
      <Card>
        <CardHeader
          title="Next delivery, exactly as it will be sent"
          description={`Same template and attachment as the worker sends. ${describeNewSignatures(email, pair.constituentsOnly, staffEnv().STAFF_TIME_ZONE)}`}
          actions={
            <>
              <SendTestButton campaignId={campaign.id} targetId={pair.targetId} />
              {pair.manualEnabled && campaign.status !== 'draft' ? (
                <DeliverNowButton campaignId={campaign.id} targetId={pair.targetId} targetName={email.to ?? 'this target'} />
              ) : null}
            </>
          }
        />
        <CardBody className="space-y-1 text-sm">
          <p>
            <span className="text-slate-500">To:</span> {email.to ?? <span className="text-red-600">no email address — the delivery would fail</span>}
          </p>
          <p>
            <span className="text-slate-500">Subject:</span> <span className="font-medium">{email.subject}</span>
          </p>
          <p>
            <span className="text-slate-500">Attachment:</span> <span className="font-mono text-xs">{email.csv.fileName}</span>
          </p>
        </CardBody>
        <iframe title="Email preview" sandbox="" srcDoc={email.html} className="h-[900px] w-full border-t border-slate-200 bg-white" />
      </Card>
    </div>
  );
}

/** "4 new signatures: 7–10 of this campaign, signed Mar 1 – 6, 2026." in a campaigner's terms. */
function describeNewSignatures(
  email: { newCount: number; positions: { first: number; last: number } | null; signedBetween: { first: Date; last: Date } | null },
  constituentsOnly: boolean,
  timeZone: string,
): string {
  if (!email.positions) return 'No new signatures since the last delivery to this target.';
  const noun = email.newCount === 1 ? 'signature' : 'signatures';
  const of = constituentsOnly ? 'of its constituents' : 'of this campaign';
  const when = email.signedBetween ? `, signed ${formatDateRange(email.signedBetween.first, email.signedBetween.last, timeZone)}` : '';
  return `${formatNumber(email.newCount)} new ${noun}: ${formatPositions(email.positions)} ${of}${when}.`;
}
