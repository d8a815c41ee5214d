import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { can, countUpdateAudience, getUpdateCapStatus, getUpdateForStaff, getUpdateProgress } from '@undersigned/core';
import { previewUpdate } from '@undersigned/core/mail';
import { getDb } from '@undersigned/db';
import { Alert, Card, CardBody, CardHeader, StatusBadge } from '@undersigned/ui';
import { CapSummary } from '@/components/cap-summary';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { formatDateTime, formatNumber } from '@/components/format';
import { UpdateCapForm } from '@/components/update-cap-form';
import { UpdateEditor } from '@/components/update-editor';
import { UpdateProgress, type ProgressJson } from '@/components/update-progress';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';
import { deleteUpdateAction, requestUpdateSendAction, sendTestUpdateAction } from '../actions';

export const metadata: Metadata = { title: 'Update' };

const LABEL = { en: 'English', es: 'Español' } as const;

export default async function UpdatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; updateId: string }>;
  searchParams: Promise<{ created?: string; sent?: string }>;
}) {
  const actor = await requireStaff('update.read');
  const raw = await params;
  const campaign = await loadCampaign(raw.id);
  const updateId = z.uuid().safeParse(raw.updateId);
  if (!updateId.success) notFound();
  const query = await searchParams;
  const db = getDb();
  const env = staffEnv();
  const ref = { campaignId: campaign.id, updateId: updateId.data };
  const update = await getUpdateForStaff(db, ref);
  if (!update) notFound();
  const mayWrite = can(actor, 'update.send');
  const tz = env.STAFF_TIME_ZONE;
  const base = `/campaigns/${campaign.id}/updates`;
  const previews = previewUpdate({
    campaign,
    updateId: update.id,
    content: update,
    publicWebUrl: env.PUBLIC_WEB_URL,
    secret: env.CONFIRM_TOKEN_SECRET,
    mailFrom: env.MAIL_FROM,
  });
  const title = update.subjectEn ?? update.subjectEs ?? 'Untitled update';

  const header = (
    <div className="space-y-1">
      <Link href={base} className="text-sm text-slate-600 hover:text-slate-900">
        ← Updates
      </Link>
      <h2 className="flex flex-wrap items-center gap-2 text-lg font-semibold text-slate-900">
        {title} {update.status === 'draft' ? <StatusBadge status="draft" /> : null}
      </h2>
      <p className="text-sm text-slate-600">
        Written by {update.createdByName ?? 'a former staff member'} · {formatDateTime(update.createdAt, tz)}
        {update.sendRequestedAt
          ? ` · sent by ${update.sendRequestedByName ?? 'a former staff member'} · ${formatDateTime(update.sendRequestedAt, tz)}`
          : ''}
        {update.response ? ` · about the response of ${update.response.targetName}` : ''}
      </p>
    </div>
  );

  const sentPreview = (
    <Card>
      <CardHeader
        title="The email, exactly as sent"
        description="Per language; a Spanish-speaking signer of an English-only update gets the English one, and the reverse."
      />
      <CardBody className="grid gap-4 lg:grid-cols-2">
        {update.locales.length === 0 ? <p className="text-sm text-slate-600">No language is complete yet.</p> : null}
        {update.locales.map((l) => (
          <div key={l} className="min-w-0">
            <p className="text-sm">
              <span className="text-slate-600">{LABEL[l]} · Subject:</span> <span className="font-medium">{previews[l]?.subject}</span>
            </p>
            <iframe
              title={`Email, ${LABEL[l]}`}
              sandbox=""
              srcDoc={previews[l]?.html}
              className="mt-2 h-[640px] w-full rounded-md border border-slate-200 bg-white"
            />
          </div>
        ))}
      </CardBody>
    </Card>
  );

  if (update.status !== 'draft') {
    const progress = (await getUpdateProgress(db, ref))!;
    const initial = JSON.parse(JSON.stringify(progress)) as ProgressJson;
    return (
      <div className="space-y-6">
        {header}
        {query.sent ? <Alert tone="success">Sending started: the worker finds the recipients, then sends at the configured rate.</Alert> : null}
        <UpdateProgress campaignId={campaign.id} updateId={update.id} initial={initial} canControl={mayWrite} />
        {sentPreview}
      </div>
    );
  }

  const [audience, cap] = await Promise.all([countUpdateAudience(db, campaign.id, env.CONFIRM_TOKEN_SECRET), getUpdateCapStatus(db, campaign.id)]);
  const problems = [
    ...(campaign.status === 'draft' ? ['Publish the campaign first: a draft has no signers.'] : []),
    ...(update.locales.length === 0 ? ['Write a subject and a body in at least one language.'] : []),
    ...(cap && !cap.allowed ? ['The cap on updates is reached (see below).'] : []),
    ...(audience.total === 0 ? ['Nobody would receive it: no signer of this campaign has asked for updates yet.'] : []),
  ];
  const missingEs = audience.es > 0 && !update.locales.includes('es');
  const missingEn = audience.en > 0 && !update.locales.includes('en');
  return (
    <div className="space-y-6">
      {header}
      {query.created ? <Alert tone="success">Draft saved. Check the preview, send a test to yourself, then send it.</Alert> : null}
      <Card>
        <CardHeader title="Send" description="Once sent, the text is fixed and the send counts against the campaign’s cap." />
        <CardBody className="space-y-4">
          <dl className="grid grid-cols-3 gap-3 sm:max-w-md">
            {(
              [
                ['Recipients', audience.total],
                ['English', audience.en],
                ['Spanish', audience.es],
              ] as const
            ).map(([label, value]) => (
              <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
                <dt className="text-xs text-slate-600">{label}</dt>
                <dd className="text-lg font-semibold tabular-nums text-slate-900">{formatNumber(value)}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-slate-600">
            Counted signers who ticked “send me updates” and have not unsubscribed, bounced or complained — each person once, in their signature’s
            language. The number is taken again when sending starts.
          </p>
          {missingEs || missingEn ? (
            <Alert tone="warning">
              {missingEs
                ? `${formatNumber(audience.es)} Spanish-speaking signers will get the English text: add a Spanish version to reach them in their language.`
                : `${formatNumber(audience.en)} English-speaking signers will get the Spanish text.`}
            </Alert>
          ) : null}
          {cap ? <CapSummary cap={cap} timeZone={tz} /> : null}
          {mayWrite ? (
            <div className="flex flex-wrap items-start gap-3 border-t border-slate-100 pt-4">
              <ConfirmActionButton action={sendTestUpdateAction} fields={ref} label="Send a test to me" pendingLabel="Sending test…" size="md" />
              {problems.length === 0 ? (
                <ConfirmActionButton
                  action={requestUpdateSendAction}
                  fields={ref}
                  label={`Send to ${formatNumber(audience.total)} ${audience.total === 1 ? 'person' : 'people'}`}
                  pendingLabel="Starting…"
                  variant="primary"
                  size="md"
                  confirm={{
                    title: `Send “${title}” to ${formatNumber(audience.total)} ${audience.total === 1 ? 'person' : 'people'}?`,
                    body: `${formatNumber(audience.en)} in English and ${formatNumber(audience.es)} in Spanish. Sending starts at once; you can pause or cancel it, but emails already sent cannot be recalled. This uses one of the campaign’s ${cap?.count ?? 3} updates per ${cap?.days ?? 7} days.`,
                    yes: 'Yes, send it',
                  }}
                />
              ) : (
                <div className="text-sm text-amber-800" role="note">
                  <p className="font-medium">Not ready to send:</p>
                  <ul className="list-disc pl-5">
                    {problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </div>
              )}
              <div className="ml-auto">
                <ConfirmActionButton
                  action={deleteUpdateAction}
                  fields={ref}
                  label="Delete draft"
                  variant="ghost"
                  size="md"
                  confirm={{ title: 'Delete this draft?', body: 'Its text is lost. Nothing was sent.', yes: 'Yes, delete it' }}
                />
              </div>
            </div>
          ) : null}
          {can(actor, 'update.cap') && cap ? (
            <div className="border-t border-slate-100 pt-4">
              <h3 className="text-sm font-semibold text-slate-900">Cap on updates (admins)</h3>
              <p className="mb-2 text-xs text-slate-600">How many sends may start per number of days for this campaign. 0 turns sending off.</p>
              <UpdateCapForm campaignId={campaign.id} count={cap.count} days={cap.days} />
            </div>
          ) : null}
        </CardBody>
      </Card>
      {mayWrite ? (
        <UpdateEditor
          campaignId={campaign.id}
          updateId={update.id}
          responseId={update.responseId}
          languages={campaign.translations.map((t) => t.locale)}
          initial={{ subjectEn: update.subjectEn ?? '', bodyEn: update.bodyEn ?? '', subjectEs: update.subjectEs ?? '', bodyEs: update.bodyEs ?? '' }}
          initialPreview={Object.fromEntries(update.locales.map((l) => [l, { subject: previews[l]!.subject, html: previews[l]!.html }]))}
        />
      ) : (
        sentPreview
      )}
    </div>
  );
}
