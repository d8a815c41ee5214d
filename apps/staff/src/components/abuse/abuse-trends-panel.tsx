import Link from 'next/link';
import type { ReactNode } from 'react';
import { can, getAbuseTrends, type AbuseTrendRow, type AbuseTrends } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { Alert, Badge, buttonClass, Card, cx } from '@undersigned/ui';
import { addAbuseListEntryAction } from '@/app/(staff)/review/lists/actions';
import { ConfirmActionButton } from '@/components/confirm-action-button';
import { CopyButton } from '@/components/copy-button';
import { formatNumber } from '@/components/format';
import { currentStaff } from '@/server/current-staff';
import { staffLogger } from '@/server/log';

export type TrendWindow = 'hour' | 'day';

/** Rows shown per table unless the reader asked for the whole top list. */
const SHORT_LIST = 5;
/** On a phone, fewer still: the campaign list is below the panel. */
const PHONE_LIST = 3;

const WINDOW_LABEL: Record<TrendWindow, string> = { hour: 'Last hour', day: 'Last 24 hours' };

/**
 * The staff home's trends panel (issue 15): the IP hashes and email domains with the most
 * signatures across all campaigns over the last hour or day, with how many are held for review,
 * list and disposable badges, a link to review them and Block / Allow buttons. Renders nothing for
 * staff without abuse.manage, so it can be placed on any page; wrap it in <Suspense> with
 * <AbuseTrendsPanelLoading /> (it runs one aggregate query over the day's signatures).
 *
 * `hrefs` are the links of the window tabs and of "show all" (the page keeps its own query).
 */
export async function AbuseTrendsPanel({
  window,
  all,
  timeZone,
  hrefs,
}: {
  window: TrendWindow;
  all: boolean;
  timeZone: string;
  hrefs: { hour: string; day: string; all: string; short: string };
}) {
  const actor = await currentStaff();
  if (!can(actor, 'abuse.manage')) return null;
  let trends: AbuseTrends;
  try {
    trends = await getAbuseTrends(getDb());
  } catch (error) {
    staffLogger().error({ err: error }, 'abuse trends failed');
    return (
      <PanelFrame window={window} hrefs={hrefs}>
        <div className="p-5">
          <Alert tone="error" title="Trends could not be loaded">
            The rest of the page works. Reload to try again; if it keeps failing, check the database.
          </Alert>
        </div>
      </PanelFrame>
    );
  }
  const w = trends[window];
  const limit = all ? Infinity : SHORT_LIST;
  const longest = Math.max(w.ipHashes.length, w.emailDomains.length);
  // More than a phone shows, or more than any screen shows: a link to all of them.
  const more = longest > PHONE_LIST;
  const onlyPhones = !all && longest <= SHORT_LIST;
  return (
    <PanelFrame window={window} hrefs={hrefs}>
      {w.signatures === 0 ? (
        <p className="px-5 py-8 text-center text-sm text-slate-600">
          Nothing was signed {window === 'hour' ? 'in the last hour' : 'in the last 24 hours'}, on any campaign.
          {window === 'hour' && trends.day.signatures > 0 ? (
            <>
              {' '}
              <Link href={hrefs.day} className="font-medium text-indigo-700 underline underline-offset-2">
                See the last 24 hours
              </Link>
              .
            </>
          ) : null}
        </p>
      ) : (
        <>
          <p className="px-5 pt-4 text-sm text-slate-700">
            {formatNumber(w.signatures)} signature{w.signatures === 1 ? '' : 's'}, {formatNumber(w.held)} held for review (
            {percent(w.held, w.signatures)}).
          </p>
          <div className="grid gap-6 p-5 xl:grid-cols-2">
            <TrendTable kind="ip_hash" caption="IP hashes" rows={w.ipHashes.slice(0, limit)} all={all} window={window} timeZone={timeZone} />
            <TrendTable
              kind="email_domain"
              caption="Email domains"
              rows={w.emailDomains.slice(0, limit)}
              all={all}
              window={window}
              timeZone={timeZone}
            />
          </div>
          {more ? (
            <p className={cx('px-5 pb-4 text-sm', onlyPhones && 'sm:hidden')}>
              <Link href={all ? hrefs.short : hrefs.all} className="font-medium text-indigo-700 underline underline-offset-2">
                {all ? 'Show fewer' : `Show the top ${longest}`}
              </Link>
            </p>
          ) : null}
        </>
      )}
    </PanelFrame>
  );
}

/** What the panel shows while its query runs (the Suspense fallback). */
export function AbuseTrendsPanelLoading() {
  return (
    <Card className="mb-8" aria-busy="true">
      <div className="border-b border-slate-200 px-5 py-4">
        <h2 className="text-sm font-semibold text-slate-900">Trends</h2>
      </div>
      <p className="px-5 py-8 text-center text-sm text-slate-600">Loading trends…</p>
    </Card>
  );
}

function PanelFrame({ window, hrefs, children }: { window: TrendWindow; hrefs: { hour: string; day: string }; children: ReactNode }) {
  return (
    <Card className="mb-8">
      <section aria-labelledby="trends-heading" id="trends">
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
          <div>
            <h2 id="trends-heading" className="text-sm font-semibold text-slate-900">
              Trends
            </h2>
            <p className="mt-0.5 text-sm text-slate-600">
              Where signatures come from across all campaigns, by IP hash and email domain. Held signatures do not count until someone reviews them.
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Link href="/review" className={buttonClass('secondary', 'sm')}>
              Review queue
            </Link>
            <Link href="/review/lists" className={buttonClass('secondary', 'sm')}>
              Block and allow lists
            </Link>
          </div>
        </div>
        <nav aria-label="Trends window" className="flex gap-1 border-b border-slate-200 px-5">
          {(['hour', 'day'] as const).map((w) => (
            <Link
              key={w}
              href={hrefs[w]}
              aria-current={w === window ? 'page' : undefined}
              className={cx(
                '-mb-px border-b-2 px-3 py-2 text-sm font-medium',
                w === window ? 'border-indigo-600 text-indigo-700' : 'border-transparent text-slate-600 hover:text-slate-900',
              )}
            >
              {WINDOW_LABEL[w]}
            </Link>
          ))}
        </nav>
        {children}
      </section>
    </Card>
  );
}

function TrendTable({
  kind,
  caption,
  rows,
  all,
  window,
  timeZone,
}: {
  kind: 'ip_hash' | 'email_domain';
  caption: string;
  rows: AbuseTrendRow[];
  all: boolean;
  window: TrendWindow;
  timeZone: string;
}) {
  return (
    <div className="min-w-0">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{caption}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">{kind === 'ip_hash' ? 'No signature in this window has an IP hash.' : 'None.'}</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {rows.map((row, i) => (
            <TrendItem key={row.value} kind={kind} row={row} window={window} timeZone={timeZone} phoneHidden={!all && i >= PHONE_LIST} />
          ))}
        </ul>
      )}
    </div>
  );
}

function TrendItem({
  kind,
  row,
  window,
  timeZone,
  phoneHidden,
}: {
  kind: 'ip_hash' | 'email_domain';
  row: AbuseTrendRow;
  window: TrendWindow;
  timeZone: string;
  phoneHidden: boolean;
}) {
  const what = kind === 'ip_hash' ? 'IP hash' : 'email domain';
  const shown = kind === 'ip_hash' ? `${row.value.slice(0, 12)}…` : row.value;
  const reviewHref = kind === 'ip_hash' ? `/review?ipHash=${row.value}` : `/review?emailDomain=${encodeURIComponent(row.value)}`;
  const share = Math.round(row.heldShare * 100);
  return (
    <li className={cx('space-y-2 px-3 py-3', phoneHidden && 'max-sm:hidden')}>
      <div className="flex flex-wrap items-center gap-2">
        {kind === 'ip_hash' ? (
          <>
            <code title={row.value} className="font-mono text-sm text-slate-900">
              {shown}
            </code>
            <CopyButton value={row.value} label={`IP hash ${shown}`} />
          </>
        ) : (
          <span className="text-sm font-medium break-all text-slate-900">{shown}</span>
        )}
        {row.list === 'block' ? <Badge tone="red">Blocked</Badge> : null}
        {row.list === 'allow' ? <Badge tone="green">Allowed</Badge> : null}
        {row.disposable ? <Badge tone="amber">Disposable</Badge> : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-slate-700">
        <span>
          <span className="font-semibold text-slate-900 tabular-nums">{formatNumber(row.signatures)}</span> signature{row.signatures === 1 ? '' : 's'}
        </span>
        <span className="inline-flex items-center gap-2">
          <span className="tabular-nums">
            {formatNumber(row.held)} held ({share}%)
          </span>
          <span aria-hidden="true" className="h-1.5 w-16 overflow-hidden rounded-full bg-slate-200">
            <span className="block h-full bg-amber-500" style={{ width: `${share}%` }} />
          </span>
        </span>
        <span className="tabular-nums">{formatNumber(row.counted)} counted</span>
        <span>
          {row.campaigns} campaign{row.campaigns === 1 ? '' : 's'}
        </span>
        <span className="text-slate-600">{formatSeen(row.firstSeen, row.lastSeen, window, timeZone)}</span>
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <Link href={reviewHref} className={buttonClass('secondary', 'sm')}>
          Review
          <span className="sr-only">
            {' '}
            {what} {shown}
          </span>
        </Link>
        {row.list !== 'block' ? (
          <ConfirmActionButton
            action={addAbuseListEntryAction}
            fields={{ kind, mode: 'block', value: row.value }}
            label="Block"
            pendingLabel="Blocking…"
            confirmVariant="danger"
            confirm={{
              title: `Block ${what} ${shown}?`,
              body:
                kind === 'ip_hash'
                  ? 'From now on, every signature from this address, on any campaign, is held for review, and confirming by email does not release it. Signatures already stored do not change: review them in the queue.'
                  : 'From now on, every signature with an email at this domain, on any campaign, is held for review, and confirming by email does not release it. Signatures already stored do not change: review them in the queue.',
              yes: 'Block',
            }}
          />
        ) : null}
        {row.list !== 'allow' ? (
          <ConfirmActionButton
            action={addAbuseListEntryAction}
            fields={{ kind, mode: 'allow', value: row.value }}
            label="Allow"
            pendingLabel="Allowing…"
            confirm={{
              title: `Allow ${what} ${shown}?`,
              body:
                kind === 'ip_hash'
                  ? 'Signatures from this address stop being held by the per-address limits — for a campus, an office or a signing table on one network. Duplicates are still refused. Signatures already held stay held until reviewed.'
                  : 'Signatures with an email at this domain stop being held by the per-domain and disposable-domain rules — for a university or an employer. Duplicates are still refused. Signatures already held stay held until reviewed.',
              yes: 'Allow',
            }}
          />
        ) : null}
      </div>
    </li>
  );
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)}%` : '0%';
}

function formatSeen(first: Date, last: Date, window: TrendWindow, timeZone: string): string {
  const format = new Intl.DateTimeFormat(
    'en-US',
    window === 'hour'
      ? { hour: 'numeric', minute: '2-digit', timeZone }
      : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone },
  );
  return first.getTime() === last.getTime() ? `at ${format.format(last)}` : format.formatRange(first, last);
}
