import type { Metadata } from 'next';
import Link from 'next/link';
import { prefillUpdateFromResponse, prefillUpdateFromVictory } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert } from '@undersigned/ui';
import { UpdateEditor } from '@/components/update-editor';
import { requireStaff } from '@/server/current-staff';
import { loadCampaign } from '@/server/load-campaign';
import { recordIdSchema } from '@/server/record-id';

export const metadata: Metadata = { title: 'New update' };

export default async function NewUpdatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ response?: string; from?: string }>;
}) {
  await requireStaff('update.send');
  const campaign = await loadCampaign((await params).id);
  const query = await searchParams;
  const db = getDb();
  const responseId = recordIdSchema.safeParse(query.response);
  const fromResponse = responseId.success ? await prefillUpdateFromResponse(db, { campaignId: campaign.id, responseId: responseId.data }) : null;
  const fromVictory = !fromResponse && query.from === 'victory' ? await prefillUpdateFromVictory(db, campaign.id) : null;
  const prefill = fromResponse ?? fromVictory;
  const languages = campaign.translations.map((t) => t.locale);
  return (
    <div className="space-y-4">
      <Link href={`/campaigns/${campaign.id}/updates`} className="text-sm text-slate-600 hover:text-slate-900">
        ← Updates
      </Link>
      <h2 className="text-lg font-semibold text-slate-900">New update</h2>
      {prefill ? (
        <Alert tone="info">
          Prefilled from {fromResponse ? 'the response' : 'the victory message'}: edit it, then Save draft. Nothing is sent until you press Send on
          the draft.
        </Alert>
      ) : null}
      <UpdateEditor
        campaignId={campaign.id}
        updateId={null}
        responseId={fromResponse?.responseId ?? null}
        languages={languages}
        initial={{
          subjectEn: prefill?.subjectEn ?? '',
          bodyEn: prefill?.bodyEn ?? '',
          subjectEs: prefill?.subjectEs ?? '',
          bodyEs: prefill?.bodyEs ?? '',
        }}
      />
    </div>
  );
}
