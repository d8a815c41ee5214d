import Link from 'next/link';
import {
  getReviewJob,
  listHeldGroups,
  listReviewSignatures,
  previewReviewDecision,
  type HeldGroup,
  type ReviewPreview,
  type ReviewSelection,
  type ReviewSignaturePage,
} from '@undersigned/core';
import type { Db } from '@undersigned/db';
import { Alert, Badge, buttonClass, Card, CardBody, CardHeader, EmptyState, Field, Input, Select, StatusBadge, Table, Td, Th } from '@undersigned/ui';
import { formatDateTime, formatNumber } from '@/components/format';
import { fieldMessage } from '@/server/action-state';
import { filterParams, HOLD_REASON_LABELS, parseUtcInput, selectionOf, toUtcInput, type ReviewQuery } from '@/server/review-query';
import { ReviewConfirmForm } from './review-confirm-form';
import { ReviewJobProgress } from './review-job-progress';

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function reasonLabel(reason: string | null): string {
  return reason ? (HOLD_REASON_LABELS[reason as keyof typeof HOLD_REASON_LABELS] ?? reason) : '—';
}

function errorMessage(error: unknown): string {
  const fields = (error as { fields?: Record<string, string> }).fields;
  if (fields?.selection) return fieldMessage(fields.selection);
  if (fields?.decision) return 'Choose approve or reject.';
  throw error;
}

/** The hidden fields that carry a selection to the apply action (statuses and ids repeat). */
function selectionFields(sel: ReviewSelection, raw: { campaignId?: number; from?: string; to?: string }): [string, string][] {
  const out: [string, string][] = [];
  if (raw.campaignId !== undefined) out.push(['campaignId', String(raw.campaignId)]);
  for (const s of sel.statuses ?? ['held']) out.push(['statuses', s]);
  if (sel.heldReason) out.push(['heldReason', sel.heldReason]);
  if (sel.ipHash) out.push(['ipHash', sel.ipHash]);
  if (sel.emailDomain) out.push(['emailDomain', sel.emailDomain]);
  if (raw.from) out.push(['from', raw.from]);
  if (raw.to) out.push(['to', raw.to]);
  for (const id of sel.ids ?? []) out.push(['ids', String(id)]);
  return out;
}

/**
 * The review queue, for one campaign (its Review tab) or all of them (/review): filters, the
 * groups (by IP hash, email domain, hour) with counts and samples, the signatures one page at a
 * time, and approve / reject for one, a group or everything the filter matches — each previewed
 * first (counts and a sample), then confirmed; a large one runs as a job with live progress.
 * Shows first names, last initials, cities and times only: never an email address.
 */
export async function ReviewQueue({ db, q, campaignId, base, tz }: { db: Db; q: ReviewQuery; campaignId?: number; base: string; tz: string }) {
  const filters = filterParams(q);
  const href = (extra: Record<string, string | undefined>, keepFilters: Record<string, string> = filters) => {
    const params = new URLSearchParams(keepFilters);
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) params.set(k, v);
    const s = params.toString();
    return s ? `${base}?${s}` : base;
  };
  const status = q.status ?? 'held';
  const selection = selectionOf(q, campaignId);
  const across = campaignId === undefined;

  let page: ReviewSignaturePage | null = null;
  let groups: Awaited<ReturnType<typeof listHeldGroups>> | null = null;
  let loadError: string | null = null;
  try {
    page = await listReviewSignatures(db, selection, { before: q.before });
    groups = await listHeldGroups(db, {
      campaignId,
      statuses: [status],
      heldReason: q.reason,
      window: { from: parseUtcInput(q.from), to: parseUtcInput(q.to) },
    });
  } catch (error) {
    loadError = errorMessage(error);
  }

  let preview: ReviewPreview | null = null;
  let previewError: string | null = null;
  let previewSelection: ReviewSelection | null = null;
  if (q.preview && !loadError) {
    previewSelection = q.id ? { ...selection, ids: [q.id] } : selection;
    try {
      preview = await previewReviewDecision(db, previewSelection, q.preview);
    } catch (error) {
      previewError = errorMessage(error);
    }
  }
  const job = q.job ? await getReviewJob(db, q.job) : null;
  const filtered = Object.keys(filters).some((k) => k !== 'status');
  const canReject = status === 'held';

  return (
    <div className="space-y-6">
      {q.decided && q.changed !== undefined ? (
        <Alert tone="success">
          {q.decided === 'approve'
            ? `Approved ${plural(q.changed, 'signature')}: ${formatNumber(q.counted ?? 0)} now count${q.awaiting ? `, ${formatNumber(q.awaiting)} await their signer’s confirmation` : ''}. They go out with the next delivery.`
            : `Rejected ${plural(q.changed, 'signature')}: marked fraudulent, not counted.`}
        </Alert>
      ) : null}
      {job ? <ReviewJobProgress jobId={job.id} initial={{ ...job }} /> : null}

      <Card>
        <CardHeader
          title="Filter"
          description={
            across
              ? 'Signatures held by the abuse rules (or marked fraudulent or invalid) across every campaign. Times are UTC.'
              : 'Signatures of this campaign held by the abuse rules, or marked fraudulent or invalid. Times are UTC.'
          }
        />
        <CardBody>
          <form className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" action={base}>
            <Field label="Status" htmlFor="review-status">
              <Select id="review-status" name="status" defaultValue={status}>
                <option value="held">Held for review</option>
                <option value="fraudulent">Fraudulent (restore)</option>
                <option value="invalidated">Invalid (restore)</option>
              </Select>
            </Field>
            <Field label="Reason held" htmlFor="review-reason">
              <Select id="review-reason" name="reason" defaultValue={q.reason ?? ''}>
                <option value="">Any reason</option>
                {Object.entries(HOLD_REASON_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="IP hash" htmlFor="review-ip">
              <Input id="review-ip" name="ipHash" defaultValue={q.ipHash ?? ''} className="font-mono text-xs" autoComplete="off" spellCheck={false} />
            </Field>
            <Field label="Email domain" htmlFor="review-domain">
              <Input id="review-domain" name="emailDomain" defaultValue={q.emailDomain ?? ''} placeholder="example.edu" autoComplete="off" />
            </Field>
            <Field label="Signed from (UTC)" htmlFor="review-from">
              <Input id="review-from" name="from" type="datetime-local" defaultValue={q.from ?? ''} />
            </Field>
            <Field label="Signed before (UTC)" htmlFor="review-to">
              <Input id="review-to" name="to" type="datetime-local" defaultValue={q.to ?? ''} />
            </Field>
            <div className="flex flex-wrap gap-2 sm:col-span-2 lg:col-span-3">
              <button type="submit" className={buttonClass('secondary')}>
                Apply filters
              </button>
              {filtered || q.status ? (
                <Link href={base} className={buttonClass('ghost')}>
                  Clear
                </Link>
              ) : null}
            </div>
          </form>
        </CardBody>
      </Card>

      {loadError ? <Alert tone="error">{loadError}</Alert> : null}

      {q.preview && !loadError ? (
        <section aria-labelledby="review-preview-heading" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-5">
          <h2 id="review-preview-heading" className="text-base font-semibold text-amber-950">
            Preview: {q.preview === 'approve' ? 'approve' : 'reject'}{' '}
            {q.id ? 'one signature' : filtered ? 'everything this filter matches' : 'everything listed'}
          </h2>
          {previewError ? <Alert tone="error">{previewError}</Alert> : null}
          {preview && previewSelection ? (
            <>
              <p className="text-sm text-amber-950">
                {preview.matching === 0
                  ? 'Nothing matches any more: someone may have decided these already.'
                  : q.preview === 'approve'
                    ? `${plural(preview.matching, 'signature')} would be approved${across ? ` across ${plural(preview.campaigns, 'campaign')}` : ''}: ${formatNumber(preview.wouldCount)} would count at once${preview.wouldAwaitConfirmation ? `, ${formatNumber(preview.wouldAwaitConfirmation)} would await their signer’s confirmation click (the campaign confirms by email)` : ''}. The public count rises by ${formatNumber(preview.wouldCount)} and the next delivery includes them.`
                    : `${plural(preview.matching, 'signature')} would be rejected${across ? ` across ${plural(preview.campaigns, 'campaign')}` : ''}: marked fraudulent, never counted. They can be restored later.`}
                {preview.runsAsJob ? ' This is a large decision: it runs in the background with a progress bar.' : ''}
              </p>
              {preview.sample.length ? (
                <div className="overflow-x-auto">
                  <table className="min-w-full text-left text-xs text-amber-950">
                    <caption className="sr-only">A sample of the signatures this decision changes</caption>
                    <thead>
                      <tr>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          Signer
                        </th>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          City
                        </th>
                        <th scope="col" className="py-1 pr-3 font-medium">
                          Signed
                        </th>
                        {across ? (
                          <th scope="col" className="py-1 pr-3 font-medium">
                            Campaign
                          </th>
                        ) : null}
                        <th scope="col" className="py-1 pr-3 font-medium">
                          Reason
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.sample.map((s) => (
                        <tr key={s.id}>
                          <td className="py-0.5 pr-3">
                            {s.givenName} {s.lastInitial ? `${s.lastInitial}.` : ''}
                          </td>
                          <td className="py-0.5 pr-3">{s.city ?? '—'}</td>
                          <td className="py-0.5 pr-3 whitespace-nowrap">{formatDateTime(s.createdAt, tz)}</td>
                          {across ? <td className="py-0.5 pr-3">{s.campaignTitle}</td> : null}
                          <td className="py-0.5 pr-3">{reasonLabel(s.heldReason)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {preview.matching > preview.sample.length ? (
                    <p className="mt-1 text-xs text-amber-900">The newest {preview.sample.length} shown.</p>
                  ) : null}
                </div>
              ) : null}
              <div className="flex flex-wrap items-start gap-2">
                <ReviewConfirmForm
                  fields={selectionFields(previewSelection, { campaignId, from: q.from, to: q.to })}
                  decision={q.preview}
                  expected={preview.matching}
                  label={`Confirm: ${q.preview} ${plural(preview.matching, 'signature')}`}
                />
                <Link href={href({})} className={buttonClass('secondary')}>
                  Cancel
                </Link>
              </div>
            </>
          ) : null}
        </section>
      ) : null}

      {page && groups ? (
        page.total === 0 ? (
          <EmptyState
            title={status === 'held' && !filtered ? 'Nothing is held for review' : 'Nothing matches these filters'}
            description={
              status === 'held' && !filtered
                ? 'Signatures stopped by the abuse rules (many from one network or domain, disposable or blocked addresses) appear here until someone approves or rejects them.'
                : undefined
            }
          />
        ) : (
          <>
            <div className="flex flex-wrap items-center gap-2">
              <p className="mr-auto text-sm text-slate-700">
                {plural(page.total, 'signature')}{' '}
                {status === 'held' ? 'held for review' : status === 'fraudulent' ? 'marked fraudulent' : 'marked invalid'}
                {filtered ? ' match this filter' : ''}.
              </p>
              <Link href={href({ preview: 'approve' })} className={buttonClass('primary', 'sm')}>
                {status === 'held' ? 'Approve' : 'Restore'} all {formatNumber(page.total)}…
              </Link>
              {canReject ? (
                <Link href={href({ preview: 'reject' })} className={buttonClass('danger', 'sm')}>
                  Reject all {formatNumber(page.total)}…
                </Link>
              ) : null}
            </div>

            <div className="grid gap-4 lg:grid-cols-3">
              <GroupList
                title="By network (IP hash)"
                groups={groups.byIpHash}
                label={(g) => <span className="font-mono text-xs">{g.key.slice(0, 12)}…</span>}
                filterOf={(g) => ({ ipHash: g.key })}
                {...{ href, filters, tz, across, canReject }}
              />
              <GroupList
                title="By email domain"
                groups={groups.byEmailDomain}
                label={(g) => <span className="break-all">{g.key}</span>}
                filterOf={(g) => ({ emailDomain: g.key })}
                {...{ href, filters, tz, across, canReject }}
              />
              <GroupList
                title="By hour"
                groups={groups.byHour}
                label={(g) => <span>{formatDateTime(new Date(g.key), tz)}</span>}
                filterOf={(g) => ({ from: toUtcInput(new Date(g.key)), to: toUtcInput(new Date(new Date(g.key).getTime() + 3600_000)) })}
                {...{ href, filters, tz, across, canReject }}
              />
            </div>

            <Table>
              <caption className="sr-only">Signatures to review, newest first</caption>
              <thead>
                <tr>
                  <Th>Signer</Th>
                  <Th>City</Th>
                  <Th>Status</Th>
                  {across ? <Th>Campaign</Th> : null}
                  <Th>Signed</Th>
                  <Th>IP hash</Th>
                  <Th className="text-right">Decide</Th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.rows.map((s) => (
                  <tr key={s.id}>
                    <Td className="font-medium text-slate-900">
                      {s.givenName} {s.lastInitial ? `${s.lastInitial}.` : ''}
                    </Td>
                    <Td>{s.city ?? '—'}</Td>
                    <Td>
                      <StatusBadge status={s.status} />
                      <div className="text-xs text-slate-600">{reasonLabel(s.heldReason)}</div>
                      {s.status === 'held' && s.emailConfirmed ? <div className="text-xs text-slate-600">Email confirmed</div> : null}
                    </Td>
                    {across ? (
                      <Td>
                        <Link href={`/campaigns/${s.campaignId}/review`} className="text-indigo-700 hover:text-indigo-500">
                          {s.campaignTitle}
                        </Link>
                      </Td>
                    ) : null}
                    <Td className="whitespace-nowrap text-slate-700">{formatDateTime(s.createdAt, tz)}</Td>
                    <Td>
                      {s.ipHash ? (
                        <Link
                          href={href({ ipHash: s.ipHash }, { ...filters, ipHash: s.ipHash })}
                          className="font-mono text-xs text-indigo-700 hover:text-indigo-500"
                          aria-label={`Show everything from network ${s.ipHashShort}`}
                        >
                          {s.ipHashShort}…
                        </Link>
                      ) : (
                        '—'
                      )}
                    </Td>
                    <Td className="text-right whitespace-nowrap">
                      <Link
                        href={href({ preview: 'approve', id: s.id })}
                        className="text-sm font-medium text-indigo-700 hover:text-indigo-500"
                        aria-label={`${s.status === 'held' ? 'Approve' : 'Restore'} ${s.givenName} ${s.lastInitial}. (preview first)`}
                      >
                        {s.status === 'held' ? 'Approve' : 'Restore'}
                      </Link>
                      {s.status === 'held' ? (
                        <>
                          <span aria-hidden className="px-1 text-slate-400">
                            ·
                          </span>
                          <Link
                            href={href({ preview: 'reject', id: s.id })}
                            className="text-sm font-medium text-red-700 hover:text-red-600"
                            aria-label={`Reject ${s.givenName} ${s.lastInitial}. (preview first)`}
                          >
                            Reject
                          </Link>
                        </>
                      ) : null}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
              <span>{q.before ? 'Older signatures' : 'Newest first'}</span>
              <span className="flex gap-2">
                {q.before ? (
                  <Link className={buttonClass('secondary', 'sm')} href={href({})}>
                    Newest
                  </Link>
                ) : null}
                {page.nextBefore ? (
                  <Link className={buttonClass('secondary', 'sm')} href={href({ before: page.nextBefore })}>
                    Older
                  </Link>
                ) : null}
              </span>
            </nav>
          </>
        )
      ) : null}
    </div>
  );
}

/** One grouping's groups: the 8 largest, the rest behind "Show all". */
function GroupList({
  title,
  groups,
  label,
  filterOf,
  href,
  filters,
  tz,
  across,
  canReject,
}: {
  title: string;
  groups: HeldGroup[];
  label: (g: HeldGroup) => React.ReactNode;
  filterOf: (g: HeldGroup) => Record<string, string>;
  href: (extra: Record<string, string | undefined>, keep?: Record<string, string>) => string;
  filters: Record<string, string>;
  tz: string;
  across: boolean;
  canReject: boolean;
}) {
  const item = (g: HeldGroup) => {
    const keep = { ...filters, ...filterOf(g) };
    return (
      <li key={g.key} className="space-y-1 py-3">
        <div className="flex items-baseline justify-between gap-2">
          <Link href={href({}, keep)} className="text-sm font-medium text-indigo-700 hover:text-indigo-500">
            {label(g)}
          </Link>
          <Badge tone="amber">{formatNumber(g.count)}</Badge>
        </div>
        <p className="text-xs text-slate-600">
          {formatDateTime(g.firstAt, tz)} – {formatDateTime(g.lastAt, tz)}
          {across ? ` · ${plural(g.campaigns, 'campaign')}` : ''}
          {g.reasons.length ? ` · ${g.reasons.map(reasonLabel).join(', ')}` : ''}
        </p>
        <p className="text-xs text-slate-700">
          {g.samples.map((s) => `${s.givenName} ${s.lastInitial ? `${s.lastInitial}.` : ''}${s.city ? ` (${s.city})` : ''}`).join(' · ')}
        </p>
        <p className="flex gap-3 text-xs">
          <Link href={href({ preview: 'approve' }, keep)} className="font-medium text-indigo-700 hover:text-indigo-500">
            {filters.status && filters.status !== 'held' ? 'Restore' : 'Approve'} group…
          </Link>
          {canReject ? (
            <Link href={href({ preview: 'reject' }, keep)} className="font-medium text-red-700 hover:text-red-600">
              Reject group…
            </Link>
          ) : null}
        </p>
      </li>
    );
  };
  return (
    <Card>
      <CardHeader title={title} description={groups.length ? `${plural(groups.length, 'group')}, largest first` : 'None'} />
      <CardBody className="py-0">
        <ul className="divide-y divide-slate-100">{groups.slice(0, 8).map(item)}</ul>
        {groups.length > 8 ? (
          <details className="pb-3">
            <summary className="cursor-pointer text-sm text-indigo-700">Show all {groups.length}</summary>
            <ul className="divide-y divide-slate-100">{groups.slice(8).map(item)}</ul>
          </details>
        ) : null}
      </CardBody>
    </Card>
  );
}
