'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
import type { ReviewJobProgress as ReviewJobProgressData } from '@undersigned/core';
import { StatusBadge } from '@undersigned/ui';

/** getReviewJob's answer as the progress route sends it (the fields this component reads). */
export type ReviewJobJson = Pick<
  ReviewJobProgressData,
  'id' | 'decision' | 'status' | 'expected' | 'done' | 'counted' | 'percent' | 'finished' | 'error'
>;

const POLL_MS = 2000;
const n = new Intl.NumberFormat('en-US');

function describe(j: ReviewJobJson): string {
  const verb = j.decision === 'approve' ? 'approved' : 'rejected';
  if (j.status === 'queued') return 'Waiting for a worker to start…';
  if (j.status === 'running') return `${n.format(j.done)} of ${n.format(j.expected)} ${verb} so far.`;
  if (j.status === 'failed') return `Stopped after ${n.format(j.done)} ${verb}: ${j.error ?? 'unknown error'}. What was done stays done.`;
  return j.decision === 'approve'
    ? `Done: ${n.format(j.done)} approved, ${n.format(j.counted)} now count${j.done > j.counted ? ` (${n.format(j.done - j.counted)} await their signer’s confirmation)` : ''}.`
    : `Done: ${n.format(j.done)} rejected (marked fraudulent).`;
}

/** A large review decision's live progress: polls the job every 2 s until it is done or failed, then refreshes the page. */
export function ReviewJobProgress({ jobId, initial }: { jobId: string; initial: ReviewJobJson }) {
  const router = useRouter();
  const [job, setJob] = useState(initial);
  const [stale, setStale] = useState(false);
  const poll = useCallback(async () => {
    try {
      const res = await fetch(`/review/jobs/${jobId}`, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const next = (await res.json()) as ReviewJobJson;
      setJob(next);
      setStale(false);
      if (next.finished) router.refresh();
    } catch {
      setStale(true);
    }
  }, [jobId, router]);
  useEffect(() => {
    if (job.finished) return;
    const handle = setTimeout(() => void poll(), POLL_MS);
    return () => clearTimeout(handle);
  }, [job, poll]);
  return (
    <section aria-labelledby="review-job-heading" className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 id="review-job-heading" className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        {job.decision === 'approve' ? 'Approving' : 'Rejecting'} in the background <StatusBadge status={job.status} />
      </h2>
      <p id="review-job-label" className="mt-1 text-sm text-slate-700" aria-live="polite">
        {describe(job)}
        {stale ? ' (Could not refresh; retrying.)' : ''}
      </p>
      <div
        role="progressbar"
        aria-labelledby="review-job-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={job.percent}
        className="mt-3 h-3 overflow-hidden rounded-full bg-slate-100"
      >
        <div
          className={`h-3 rounded-full transition-[width] duration-500 ${job.status === 'failed' ? 'bg-red-500' : 'bg-indigo-600'}`}
          style={{ width: `${job.percent}%` }}
        />
      </div>
    </section>
  );
}
