import type { Metadata } from 'next';
import Link from 'next/link';
import { can, listResponsesForStaff, targetDisplayName } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, Badge, buttonClass, Card, CardBody, CardHeader, EmptyState, renderCampaignMarkdown } from '@undersigned/ui';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { formatDate } from '@/components/format';
import { ResponseForm, type ResponseFormValue } from '@/components/response-form';
import { requireStaff } from '@/server/current-staff';
import { loadCampaign } from '@/server/load-campaign';
import { recordIdSchema } from '@/server/record-id';
import { deleteResponseAction } from './actions';

export const metadata: Metadata = { title: 'Responses' };

const STANCE: Record<string, { label: string; tone: 'green' | 'red' | 'gray' }> = {
  supports: { label: 'Supports', tone: 'green' },
  opposes: { label: 'Opposes', tone: 'red' },
  no_commitment: { label: 'No commitment', tone: 'gray' },
};

export default async function ResponsesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ edit?: string; recorded?: string; saved?: string }>;
}) {
  const actor = await requireStaff('campaign.read');
  const campaign = await loadCampaign((await params).id);
  const query = await searchParams;
  const responses = await listResponsesForStaff(getDb(), campaign.id);
  const mayEdit = can(actor, 'response.edit');
  const mayWrite = can(actor, 'update.send');
  const base = `/campaigns/${campaign.id}`;
  const targets = campaign.targets.map(({ target }) => ({ id: target.id, name: targetDisplayName(target) }));
  const editId = recordIdSchema.safeParse(query.edit);
  const editing = mayEdit && editId.success ? responses.find((r) => r.id === editId.data) : undefined;
  const recorded = recordIdSchema.safeParse(query.recorded);
  const today = new Date().toISOString().slice(0, 10);
  const blank: ResponseFormValue = {
    responseId: null,
    targetId: String(targets[0]?.id ?? ''),
    respondedOn: today,
    stance: 'no_commitment',
    textEn: '',
    textEs: '',
    url: '',
  };
  return (
    <div className="space-y-6">
      {recorded.success ? (
        <Alert tone="success" title="Response recorded. It shows on the public campaign page within seconds.">
          {mayWrite ? (
            <Link href={`${base}/updates/new?response=${recorded.data}`} className="font-medium underline underline-offset-2">
              Write an update about this →
            </Link>
          ) : null}
        </Alert>
      ) : null}
      {query.saved ? <Alert tone="success">Response saved.</Alert> : null}
      {mayEdit ? (
        <Card>
          <CardHeader
            title={editing ? 'Edit response' : 'Record a response'}
            description="When a target answers — a letter, a statement, a vote — record it here. It appears on the public page in English and Spanish."
          />
          <CardBody>
            {targets.length === 0 ? (
              <p className="text-sm text-slate-600">
                Attach a target first on the{' '}
                <Link href={`${base}/targets`} className="text-indigo-700 underline">
                  Targets tab
                </Link>
                .
              </p>
            ) : (
              <ResponseForm
                key={editing?.id ?? 'new'}
                campaignId={campaign.id}
                targets={targets}
                cancelHref={editing ? `${base}/responses` : undefined}
                initial={
                  editing
                    ? {
                        responseId: editing.id,
                        targetId: String(editing.targetId),
                        respondedOn: editing.respondedOn,
                        stance: editing.stance,
                        textEn: editing.textEn ?? '',
                        textEs: editing.textEs ?? '',
                        url: editing.url ?? '',
                      }
                    : blank
                }
              />
            )}
          </CardBody>
        </Card>
      ) : null}
      <section aria-labelledby="responses-heading" className="space-y-3">
        <h2 id="responses-heading" className="text-sm font-semibold text-slate-900">
          Responses recorded ({responses.length})
        </h2>
        {responses.length === 0 ? (
          <EmptyState
            title="No responses yet"
            description="When a target responds to this petition, record it so supporters see it on the campaign page."
          />
        ) : (
          <ul className="space-y-4">
            {responses.map((r) => (
              <li key={r.id}>
                <Card>
                  <CardHeader
                    title={
                      <span className="flex flex-wrap items-center gap-2">
                        {r.targetName} <Badge tone={STANCE[r.stance]!.tone}>{STANCE[r.stance]!.label}</Badge>
                      </span>
                    }
                    description={`Responded ${formatDate(new Date(`${r.respondedOn}T12:00:00Z`), 'UTC')}${r.createdBy ? ` · recorded by ${r.createdBy}` : ''}${r.updateCount ? ` · ${r.updateCount} update${r.updateCount === 1 ? '' : 's'} written about it` : ''}`}
                    actions={
                      <>
                        {mayWrite ? (
                          <Link href={`${base}/updates/new?response=${r.id}`} className={buttonClass('secondary', 'sm')}>
                            Write an update about this
                          </Link>
                        ) : null}
                        {mayEdit ? (
                          <>
                            <Link
                              href={`${base}/responses?edit=${r.id}`}
                              className={buttonClass('ghost', 'sm')}
                              aria-label={`Edit the response of ${r.targetName}`}
                            >
                              Edit
                            </Link>
                            <ConfirmActionButton
                              action={deleteResponseAction}
                              fields={{ campaignId: campaign.id, responseId: r.id }}
                              label="Remove"
                              variant="ghost"
                              confirm={{
                                title: 'Remove this response?',
                                body: `The response of ${r.targetName} disappears from the public page. Updates already sent are not affected.`,
                                yes: 'Yes, remove it',
                              }}
                            />
                          </>
                        ) : null}
                      </>
                    }
                  />
                  <CardBody className="grid gap-4 md:grid-cols-2">
                    {(
                      [
                        ['en', 'English', r.textEn, 'source'],
                        ['es', 'Español', r.textEs, 'fuente'],
                      ] as const
                    ).map(([l, label, text, src]) => (
                      <div key={l} lang={l}>
                        <p className="text-xs font-medium text-slate-500">{label}</p>
                        {text ? (
                          <div className="prose-letter text-sm" dangerouslySetInnerHTML={{ __html: renderCampaignMarkdown(text, src) }} />
                        ) : (
                          <p className="text-sm text-slate-500">Not written in {label}: the other language is shown.</p>
                        )}
                      </div>
                    ))}
                    {r.url ? (
                      <p className="text-sm md:col-span-2">
                        <a href={r.url} target="_blank" rel="noreferrer" className="text-indigo-700 underline underline-offset-2">
                          {r.url} ↗
                        </a>
                      </p>
                    ) : null}
                  </CardBody>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
