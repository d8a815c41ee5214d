import type { Metadata } from 'next';
import Link from 'next/link';
import { z } from 'zod';
import { can, listSignatures, previewSignatureModeration, type ModerationPreview } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import {
  Alert,
  Button,
  buttonClass,
  Card,
  CardBody,
  CardHeader,
  Checkbox,
  EmptyState,
  Field,
  Input,
  Select,
  StatusBadge,
  Table,
  Td,
  Th,
} from '@undersigned/ui';
import { formatDateTime, formatNumber } from '@/components/format';
import { ApplyBulkForm, EraseButton, SELECTED_ROWS_FORM, SelectedRowsForm } from '@/components/signature-forms';
import { fieldMessage } from '@/server/action-state';
import { requireStaff } from '@/server/current-staff';
import { staffEnv } from '@/server/env';
import { loadCampaign } from '@/server/load-campaign';

export const metadata: Metadata = { title: 'Signatures' };

const query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  status: z.enum(['pending', 'confirmed', 'held', 'fraudulent', 'invalidated']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  bulk: z.literal('preview').optional().catch(undefined),
  ipHash: z.string().max(64).optional().catch(undefined),
  emailDomain: z.string().max(255).optional().catch(undefined),
  from: z.string().max(40).optional().catch(undefined),
  to: z.string().max(40).optional().catch(undefined),
  moderated: z.coerce.number().int().optional().catch(undefined),
  as: z.string().max(20).optional().catch(undefined),
  erased: z.coerce.number().int().optional().catch(undefined),
});

export default async function SignaturesPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const actor = await requireStaff('signature.read');
  const campaign = await loadCampaign((await params).id);
  const q = query.parse(await searchParams);
  const tz = staffEnv().STAFF_TIME_ZONE;
  const db = getDb();
  const list = await listSignatures(db, { campaignId: campaign.id, q: q.q, status: q.status, page: q.page });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const moderate = can(actor, 'signature.moderate');

  const selection = {
    ...(q.ipHash ? { ipHash: q.ipHash } : {}),
    ...(q.emailDomain ? { emailDomain: q.emailDomain } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
  let preview: ModerationPreview | null = null;
  let previewError: string | null = null;
  if (q.bulk === 'preview' && moderate) {
    try {
      preview = await previewSignatureModeration(db, {
        campaignId: campaign.id,
        ipHash: selection.ipHash,
        emailDomain: selection.emailDomain,
        from: selection.from ? new Date(selection.from) : undefined,
        to: selection.to ? new Date(selection.to) : undefined,
      });
    } catch (error) {
      const fields = (error as { fields?: Record<string, string> }).fields;
      previewError = fields?.selection ? fieldMessage(fields.selection) : 'That selection is not valid.';
    }
  }
  const pageLink = (page: number) =>
    `?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), ...(q.status ? { status: q.status } : {}), page: String(page) })}`;

  return (
    <div className="space-y-6">
      {q.moderated !== undefined ? (
        <Alert tone="success">
          Marked {formatNumber(q.moderated)} signature{q.moderated === 1 ? '' : 's'} as {q.as === 'fraudulent' ? 'fraudulent' : 'invalid'}. The count
          is updated.
        </Alert>
      ) : null}
      {q.erased !== undefined ? <Alert tone="success">Person erased with {q.erased} signature(s). Counts are updated.</Alert> : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {moderate ? (
          <Card>
            <CardHeader title="Bulk clean-up" description="Select by IP hash, email domain or time window, preview, then apply." />
            <CardBody>
              <form className="grid gap-3 sm:grid-cols-2">
                <input type="hidden" name="bulk" value="preview" />
                <Field label="IP hash" htmlFor="ipHash">
                  <Input id="ipHash" name="ipHash" defaultValue={q.ipHash ?? ''} className="font-mono text-xs" />
                </Field>
                <Field label="Email domain" htmlFor="emailDomain">
                  <Input id="emailDomain" name="emailDomain" defaultValue={q.emailDomain ?? ''} placeholder="spam.example" />
                </Field>
                <Field label="Signed from" htmlFor="from">
                  <Input id="from" name="from" type="datetime-local" defaultValue={q.from ?? ''} />
                </Field>
                <Field label="Signed before" htmlFor="to">
                  <Input id="to" name="to" type="datetime-local" defaultValue={q.to ?? ''} />
                </Field>
                <div className="sm:col-span-2">
                  <Button type="submit" variant="secondary">
                    Preview
                  </Button>
                </div>
              </form>
              {previewError ? (
                <div className="mt-4">
                  <Alert tone="error">{previewError}</Alert>
                </div>
              ) : null}
              {preview ? (
                <div className="mt-4 space-y-3 rounded-md border border-amber-200 bg-amber-50 p-4 text-sm">
                  <p className="font-medium text-amber-900">
                    {formatNumber(preview.matching)} signature{preview.matching === 1 ? '' : 's'} match ({formatNumber(preview.counted)} counted now).
                    The total would drop by {formatNumber(preview.counted)}.
                  </p>
                  {preview.sample.length ? (
                    <ul className="max-h-48 overflow-y-auto text-xs text-amber-900">
                      {preview.sample.map((s) => (
                        <li key={s.id}>
                          {s.givenName} {s.familyName} · {s.email} · {s.postalCode ?? '—'} · {formatDateTime(s.createdAt, tz)}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  <ApplyBulkForm hidden={{ campaignId: String(campaign.id), ...selection }} matching={preview.matching} />
                </div>
              ) : null}
            </CardBody>
          </Card>
        ) : null}
        {can(actor, 'signature.export') ? (
          <Card>
            <CardHeader title="Export" description="All signatures of this campaign as CSV, streamed. Exports are audited." />
            <CardBody>
              <form method="post" action={`/campaigns/${campaign.id}/export`} className="space-y-3">
                <Checkbox
                  name="includeEmail"
                  value="1"
                  label="Include email addresses"
                  description="Personal data: only when you need to contact signers."
                />
                <Button type="submit" variant="secondary">
                  Download CSV
                </Button>
              </form>
            </CardBody>
          </Card>
        ) : null}
      </div>

      <form role="search" className="flex flex-wrap items-center gap-2">
        <label htmlFor="sig-q" className="sr-only">
          Search signatures
        </label>
        <div className="w-full sm:w-80">
          <Input id="sig-q" name="q" defaultValue={q.q ?? ''} placeholder="Name, email or postal code" />
        </div>
        <label htmlFor="sig-status" className="sr-only">
          Status
        </label>
        <div className="w-40">
          <Select id="sig-status" name="status" defaultValue={q.status ?? ''}>
            <option value="">All statuses</option>
            <option value="confirmed">Confirmed</option>
            <option value="pending">Pending</option>
            <option value="held">Held for review</option>
            <option value="fraudulent">Fraudulent</option>
            <option value="invalidated">Invalid</option>
          </Select>
        </div>
        <button type="submit" className={buttonClass('secondary')}>
          Search
        </button>
        <span className="ml-auto text-sm text-slate-500">{formatNumber(list.total)} signatures</span>
      </form>

      {list.rows.length === 0 ? (
        <EmptyState title={q.q || q.status ? 'No signatures match' : 'No signatures yet'} />
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                {moderate ? (
                  <Th className="w-8">
                    <span className="sr-only">Select</span>
                  </Th>
                ) : null}
                <Th>Signer</Th>
                <Th>Place</Th>
                <Th>Status</Th>
                <Th>Source</Th>
                <Th>Signed</Th>
                <Th>IP hash</Th>
                {can(actor, 'person.erase') ? <Th className="text-right">GDPR</Th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {list.rows.map((s) => (
                <tr key={s.id}>
                  {moderate ? (
                    <Td>
                      <input
                        type="checkbox"
                        name="ids"
                        value={s.id}
                        form={SELECTED_ROWS_FORM}
                        aria-label={`Select ${s.givenName} ${s.familyName}`}
                        className="size-4 accent-indigo-600"
                      />
                    </Td>
                  ) : null}
                  <Td>
                    <div className="font-medium text-slate-900">
                      {s.givenName} {s.familyName}
                    </div>
                    <div className="text-xs text-slate-500">{s.email}</div>
                    {s.comment ? <div className="mt-1 max-w-sm text-xs text-slate-600 italic">“{s.comment}”</div> : null}
                  </Td>
                  <Td>
                    {s.postalCode ?? '—'}
                    {s.locality ? <div className="text-xs text-slate-500">{s.locality}</div> : null}
                  </Td>
                  <Td>
                    <StatusBadge status={s.status} />
                  </Td>
                  <Td className="text-slate-600">{s.source ?? '—'}</Td>
                  <Td className="whitespace-nowrap text-slate-600">{formatDateTime(s.createdAt, tz)}</Td>
                  <Td>
                    {s.ipHash && moderate ? (
                      <Link
                        href={`?bulk=preview&ipHash=${s.ipHash}`}
                        className="font-mono text-xs text-indigo-600 hover:text-indigo-500"
                        title="Preview everything from this IP"
                      >
                        {s.ipHash.slice(0, 10)}…
                      </Link>
                    ) : (
                      <span className="font-mono text-xs text-slate-500">{s.ipHash?.slice(0, 10) ?? '—'}</span>
                    )}
                  </Td>
                  {can(actor, 'person.erase') ? (
                    <Td className="text-right">
                      <EraseButton campaignId={campaign.id} personId={s.personId} name={`${s.givenName} ${s.familyName}`} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
          {moderate ? <SelectedRowsForm campaignId={campaign.id} /> : null}
          <nav aria-label="Pagination" className="flex items-center justify-between text-sm text-slate-600">
            <span>
              Page {list.page} of {pages}
            </span>
            <span className="flex gap-2">
              {list.page > 1 ? (
                <Link className={buttonClass('secondary', 'sm')} href={pageLink(list.page - 1)}>
                  Previous
                </Link>
              ) : null}
              {list.page < pages ? (
                <Link className={buttonClass('secondary', 'sm')} href={pageLink(list.page + 1)}>
                  Next
                </Link>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
