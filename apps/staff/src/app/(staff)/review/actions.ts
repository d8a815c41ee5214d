'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { applyReviewDecision, HOLD_REASONS, REVIEW_STATUSES } from '@undersigned/core';
import { enqueueReviewRun } from '@undersigned/jobs';
import { parseUtcInput } from '@/server/review-query';
import { repeated, staffAction } from '@/server/staff-action';

const applyForm = z.object({
  /** Absent: the review queue across campaigns. */
  campaignId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  decision: z.enum(['approve', 'reject']),
  /** The preview's count: more matching now refuses with a conflict. */
  expected: z.coerce.number().int().min(0).max(100_000_000),
  statuses: repeated(z.array(z.enum(REVIEW_STATUSES)).min(1).max(3)).optional(),
  heldReason: z.enum(HOLD_REASONS).optional(),
  ipHash: z.string().max(64).optional(),
  emailDomain: z.string().max(253).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  ids: repeated(z.array(z.string().regex(/^[1-9][0-9]{0,18}$/)).max(1000)).optional(),
});

/**
 * Applies a previewed review decision (approve / reject) to a filter, a group or one signature.
 * Small ones are applied at once; large ones become a review job, queued here (if Redis is
 * unreachable the job stays queued in Postgres and the worker's reconciler starts it).
 */
export const applyReviewAction = staffAction('signature.review', applyForm, async (form, { actor, db }) => {
  const { campaignId, decision, expected, statuses, heldReason, ipHash, emailDomain, from, to, ids } = form;
  const result = await applyReviewDecision(db, actor, {
    selection: {
      campaignId,
      statuses: statuses ?? ['held'],
      heldReason,
      ipHash,
      emailDomain,
      from: parseUtcInput(from),
      to: parseUtcInput(to),
      ids,
    },
    decision,
    expected,
  });
  const base = campaignId !== undefined ? `/campaigns/${campaignId}/review` : '/review';
  const keep = new URLSearchParams({
    ...(statuses?.length === 1 && statuses[0] !== 'held' ? { status: statuses[0]! } : {}),
    ...(heldReason ? { reason: heldReason } : {}),
    ...(ipHash ? { ipHash } : {}),
    ...(emailDomain ? { emailDomain } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  if (result.mode === 'job') {
    try {
      await enqueueReviewRun({ reviewJobId: result.jobId });
    } catch {
      // Recorded in Postgres: the worker's reconcile-jobs tick queues it once Redis answers.
    }
    keep.set('job', result.jobId);
  } else {
    keep.set('decided', decision);
    keep.set('changed', String(result.changed));
    keep.set('counted', String(result.counted));
    keep.set('awaiting', String(result.awaiting));
  }
  revalidatePath('/', 'layout');
  redirect(`${base}?${keep}`);
});
