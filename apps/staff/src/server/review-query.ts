import { z } from 'zod';
import { HOLD_REASONS, REVIEW_STATUSES, type ReviewSelection } from '@undersigned/core';

/** A datetime-local value ("2026-03-01T10:00", no zone) is read as UTC, as the review filters say; one with a zone keeps it. */
export function parseUtcInput(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  return new Date(/(?:[zZ]|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
}

/** A date as a datetime-local value in UTC ("2026-03-01T10:00"). */
export function toUtcInput(date: Date): string {
  return date.toISOString().slice(0, 16);
}

const id = z.string().regex(/^[1-9][0-9]{0,18}$/);

/** The review pages' URL: filters, the page cursor, a decision to preview, and what just happened. */
export const reviewQuerySchema = z.object({
  status: z.enum(REVIEW_STATUSES).optional().catch(undefined),
  reason: z.enum(HOLD_REASONS).optional().catch(undefined),
  ipHash: z.string().trim().max(64).optional().catch(undefined),
  emailDomain: z.string().trim().max(253).optional().catch(undefined),
  from: z.string().max(40).optional().catch(undefined),
  to: z.string().max(40).optional().catch(undefined),
  before: id.optional().catch(undefined),
  /** Preview this decision over the filter (or over one signature, `id`). */
  preview: z.enum(['approve', 'reject']).optional().catch(undefined),
  id: id.optional().catch(undefined),
  /** After a decision applied at once. */
  decided: z.enum(['approve', 'reject']).optional().catch(undefined),
  changed: z.coerce.number().int().min(0).optional().catch(undefined),
  counted: z.coerce.number().int().min(0).optional().catch(undefined),
  awaiting: z.coerce.number().int().min(0).optional().catch(undefined),
  /** After a decision started as a background job. */
  job: z.uuid().optional().catch(undefined),
});

export type ReviewQuery = z.infer<typeof reviewQuerySchema>;

/** The filter part of the URL (what links keep). */
export function filterParams(q: Pick<ReviewQuery, 'status' | 'reason' | 'ipHash' | 'emailDomain' | 'from' | 'to'>): Record<string, string> {
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.reason ? { reason: q.reason } : {}),
    ...(q.ipHash ? { ipHash: q.ipHash } : {}),
    ...(q.emailDomain ? { emailDomain: q.emailDomain } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
  };
}

/** The selection a filter means (statuses default to held). */
export function selectionOf(
  q: Pick<ReviewQuery, 'status' | 'reason' | 'ipHash' | 'emailDomain' | 'from' | 'to'>,
  campaignId?: number,
): ReviewSelection {
  return {
    ...(campaignId !== undefined ? { campaignId } : {}),
    statuses: [q.status ?? 'held'],
    ...(q.reason ? { heldReason: q.reason } : {}),
    ...(q.ipHash ? { ipHash: q.ipHash } : {}),
    ...(q.emailDomain ? { emailDomain: q.emailDomain } : {}),
    ...(q.from ? { from: parseUtcInput(q.from) } : {}),
    ...(q.to ? { to: parseUtcInput(q.to) } : {}),
  };
}

export const HOLD_REASON_LABELS: Record<(typeof HOLD_REASONS)[number], string> = {
  ip_rate: 'Many from one network',
  domain_rate: 'Many from one email domain',
  disposable_domain: 'Disposable email domain',
  blocked_ip: 'Blocked network',
  blocked_domain: 'Blocked email domain',
  event_capacity: 'Event link over capacity',
};
