'use client';

import { useCallback, useEffect, useState } from 'react';
import { StatusBadge } from '@undersigned/ui';
import { cancelUpdateAction, pauseUpdateAction, resumeUpdateAction } from '@/app/(staff)/campaigns/[id]/updates/actions';
import { ConfirmActionButton } from './confirm-action-button';

/** getUpdateProgress as JSON (dates as strings). */
export interface ProgressJson {
  status: 'draft' | 'planning' | 'sending' | 'paused' | 'cancelled' | 'sent';
  recipientCount: number;
  sent: number;
  failed: number;
  suppressed: number;
  interrupted: number;
  cancelled: number;
  remaining: number;
  bounces: number;
  complaints: number;
  ratePerSecond: number | null;
  etaSeconds: number | null;
  percent: number;
  finished: boolean;
  plannedAt: string | null;
  finishedAt: string | null;
}

const POLL_MS = 2000;
const n = new Intl.NumberFormat('en-US');

function formatEta(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  return `${h} h ${Math.round((seconds % 3600) / 60)} min`;
}

const STATUS_TEXT: Record<ProgressJson['status'], string> = {
  draft: 'Draft: not sent.',
  planning: 'Finding the recipients (each consenting signer once)…',
  sending: 'Sending, at the configured rate.',
  paused: 'Paused: no new emails go out until it is resumed.',
  cancelled: 'Cancelled: nobody else will get it.',
  sent: 'Sent: every recipient has an outcome.',
};

/**
 * The live progress of a sent update: polls its progress every 2 s (one indexed read on the
 * server) until it is sent or cancelled. Staff who may send see Pause / Resume / Cancel.
 */
export function UpdateProgress({
  campaignId,
  updateId,
  initial,
  canControl,
}: {
  campaignId: number;
  updateId: string;
  initial: ProgressJson;
  canControl: boolean;
}) {
  const [p, setP] = useState(initial);
  const [stale, setStale] = useState(false);
  const url = `/campaigns/${campaignId}/updates/${updateId}/progress`;

  const poll = useCallback(async () => {
    try {
      const res = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      setP((await res.json()) as ProgressJson);
      setStale(false);
    } catch {
      setStale(true);
    }
  }, [url]);

  useEffect(() => {
    if (p.finished) return;
    const handle = setTimeout(() => void poll(), POLL_MS);
    return () => clearTimeout(handle);
  }, [p, poll]);

  const refresh = useCallback(() => void poll(), [poll]);
  const fields = { campaignId, updateId };
  const stats: [string, string, string?][] = [
    ['Sent', n.format(p.sent)],
    ['Remaining', n.format(p.remaining), p.plannedAt ? undefined : 'still finding recipients'],
    ['Failed', n.format(p.failed)],
    ['Suppressed', n.format(p.suppressed), 'unsubscribed or bounced before their turn'],
    ['Interrupted', n.format(p.interrupted), 'a worker stopped mid-send: not resent'],
    ['Cancelled', n.format(p.cancelled)],
    ['Bounces', n.format(p.bounces)],
    ['Complaints', n.format(p.complaints)],
    ['Rate', p.ratePerSecond === null ? '—' : `${p.ratePerSecond.toFixed(1)}/s`],
    ['Time left', p.finished ? '—' : formatEta(p.etaSeconds)],
  ];
  return (
    <section aria-labelledby="progress-heading" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div>
          <h2 id="progress-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            Progress <StatusBadge status={p.status} />
          </h2>
          <p className="mt-0.5 text-sm text-slate-600" aria-live="polite">
            {STATUS_TEXT[p.status]}
            {stale ? ' (Could not refresh; retrying.)' : ''}
          </p>
        </div>
        {canControl && !p.finished ? (
          <div className="flex flex-wrap items-start gap-2">
            {p.status === 'planning' || p.status === 'sending' ? (
              <ConfirmActionButton action={pauseUpdateAction} fields={fields} label="Pause" pendingLabel="Pausing…" onDone={refresh} />
            ) : null}
            {p.status === 'paused' ? (
              <ConfirmActionButton
                action={resumeUpdateAction}
                fields={fields}
                label="Resume"
                pendingLabel="Resuming…"
                variant="primary"
                onDone={refresh}
              />
            ) : null}
            <ConfirmActionButton
              action={cancelUpdateAction}
              fields={fields}
              label="Cancel sending"
              pendingLabel="Cancelling…"
              variant="danger"
              onDone={refresh}
              confirm={{
                title: 'Cancel this update?',
                body: `Nobody who has not received it yet will (${n.format(p.remaining)} planned so far). Emails already sent stay sent. This cannot be undone.`,
                yes: 'Yes, cancel sending',
              }}
            />
          </div>
        ) : null}
      </div>
      <div className="space-y-4 px-5 py-4">
        <div>
          <div className="flex justify-between text-sm">
            <span id="progress-label" className="font-medium text-slate-800">
              {n.format(p.sent + p.failed + p.suppressed + p.interrupted + p.cancelled)} of {n.format(p.recipientCount)} recipients done
              {p.plannedAt ? '' : ' (planned so far)'}
            </span>
            <span className="tabular-nums text-slate-600">{p.percent}%</span>
          </div>
          <div
            role="progressbar"
            aria-labelledby="progress-label"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={p.percent}
            className="mt-2 h-3 overflow-hidden rounded-full bg-slate-100"
          >
            <div
              className={`h-3 rounded-full transition-[width] duration-500 ${p.status === 'cancelled' ? 'bg-slate-400' : p.status === 'paused' ? 'bg-amber-500' : 'bg-indigo-600'}`}
              style={{ width: `${p.percent}%` }}
            />
          </div>
        </div>
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {stats.map(([label, value, hint]) => (
            <div key={label} className="rounded-md bg-slate-50 px-3 py-2">
              <dt className="text-xs text-slate-600">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
              {hint ? <dd className="text-[11px] leading-tight text-slate-600">{hint}</dd> : null}
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
