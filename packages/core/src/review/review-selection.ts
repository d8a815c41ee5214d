import { z } from 'zod';
import { Prisma } from '@undersigned/db';
import { AppError } from '../errors';

/** Statuses a review decision applies to: held (awaiting a decision), or a fraudulent / invalidated one to restore. */
export const REVIEW_STATUSES = ['held', 'fraudulent', 'invalidated'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Why a signature was held (the HoldReason enum). */
export const HOLD_REASONS = ['ip_rate', 'domain_rate', 'disposable_domain', 'blocked_ip', 'blocked_domain', 'event_capacity'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];

export type ReviewDecision = 'approve' | 'reject';

const recordId = z.coerce.number().int().positive().max(2_147_483_647);

/**
 * Which signatures a review (list, preview, approve, reject) applies to: one campaign's or, with
 * no campaignId, every campaign's. Statuses default to held. A selection across campaigns must
 * narrow by something (ids, IP hash, email domain, time window, reason, event) unless it is the
 * plain held queue: restoring every fraudulent signature everywhere is never one click.
 * Stored as JSON on a review job (serializeReviewSelection) and parsed back with this schema.
 */
export const reviewFilterSchema = z.object({
  campaignId: recordId.optional(),
  statuses: z.array(z.enum(REVIEW_STATUSES)).min(1).max(3).default(['held']),
  heldReason: z.enum(HOLD_REASONS).optional(),
  ipHash: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{16,64}$/, 'invalid_ip_hash')
    .optional(),
  /** The domain of the signer's canonical email (person.canonical_email). */
  emailDomain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'invalid_domain')
    .max(253)
    .optional(),
  /** created_at >= from, created_at < to. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  ids: z.array(z.coerce.bigint().positive()).min(1).max(1000).optional(),
  eventId: recordId.optional(),
  /** Set by a review job when it is created: it never takes rows that arrived later (a higher id). */
  throughId: z.coerce.bigint().positive().optional(),
});

export const reviewSelectionSchema = reviewFilterSchema.refine(
  (s) =>
    s.campaignId !== undefined ||
    Boolean(s.ids?.length || s.ipHash || s.emailDomain || s.from || s.to || s.heldReason || s.eventId) ||
    (s.statuses.length === 1 && s.statuses[0] === 'held'),
  { message: 'selection_too_broad', path: ['selection'] },
);

export type ReviewSelection = z.input<typeof reviewSelectionSchema>;
export type ValidReviewSelection = z.output<typeof reviewSelectionSchema>;

/**
 * Validates a selection, or throws a `validation` AppError with the first problem. `forReading`
 * (lists and groups, which change nothing) lifts the rule that a selection across campaigns
 * must narrow by something.
 */
export function parseReviewSelection(selection: unknown, options: { forReading?: boolean } = {}): ValidReviewSelection {
  const parsed = (options.forReading ? reviewFilterSchema : reviewSelectionSchema).safeParse(selection);
  if (!parsed.success) {
    throw new AppError('validation', 'Choose what to review.', { selection: parsed.error.issues[0]?.message ?? 'invalid' });
  }
  if (parsed.data.from && parsed.data.to && parsed.data.from >= parsed.data.to) {
    throw new AppError('validation', 'The time window ends before it starts.', { selection: 'invalid_window' });
  }
  return parsed.data;
}

/** The statuses a decision may change: approve restores any selected status, reject only takes held rows. */
export function decisionStatuses(sel: ValidReviewSelection, decision?: ReviewDecision): ReviewStatus[] {
  return decision === 'reject' ? sel.statuses.filter((s) => s === 'held') : sel.statuses;
}

/**
 * SQL condition over `signature s JOIN person p` for a validated selection (and, given a
 * decision, only the statuses it may change). The plain held queue is written `s.status = 'held'`
 * so PostgreSQL can use the partial index signature_held_idx.
 */
export function reviewSelectionSql(sel: ValidReviewSelection, decision?: ReviewDecision): Prisma.Sql {
  const statuses = decisionStatuses(sel, decision);
  const parts: Prisma.Sql[] = [];
  if (statuses.length === 0) parts.push(Prisma.sql`false`);
  else if (statuses.length === 1) parts.push(Prisma.sql`s.status = ${statuses[0]}::"SignatureStatus"`);
  else parts.push(Prisma.sql`s.status = ANY(${statuses}::"SignatureStatus"[])`);
  if (sel.campaignId !== undefined) parts.push(Prisma.sql`s.campaign_id = ${sel.campaignId}`);
  if (sel.heldReason) parts.push(Prisma.sql`s.held_reason = ${sel.heldReason}::"HoldReason"`);
  if (sel.ids?.length) parts.push(Prisma.sql`s.id = ANY(${sel.ids}::bigint[])`);
  if (sel.ipHash) parts.push(Prisma.sql`s.ip_hash = ${sel.ipHash}`);
  if (sel.emailDomain) parts.push(Prisma.sql`split_part(p.canonical_email, '@', 2) = ${sel.emailDomain}`);
  if (sel.from) parts.push(Prisma.sql`s.created_at >= ${sel.from}`);
  if (sel.to) parts.push(Prisma.sql`s.created_at < ${sel.to}`);
  if (sel.eventId !== undefined) parts.push(Prisma.sql`s.event_id = ${sel.eventId}`);
  if (sel.throughId !== undefined) parts.push(Prisma.sql`s.id <= ${sel.throughId}`);
  return Prisma.join(parts, ' AND ');
}

/** The selection as JSON (dates ISO, ids as strings), for a review job row and the audit log. */
export function serializeReviewSelection(sel: ValidReviewSelection): Prisma.InputJsonObject {
  return {
    campaignId: sel.campaignId ?? null,
    statuses: sel.statuses,
    heldReason: sel.heldReason ?? null,
    ipHash: sel.ipHash ?? null,
    emailDomain: sel.emailDomain ?? null,
    from: sel.from?.toISOString() ?? null,
    to: sel.to?.toISOString() ?? null,
    ids: sel.ids?.map(String) ?? null,
    eventId: sel.eventId ?? null,
    throughId: sel.throughId?.toString() ?? null,
  };
}

/** A stored selection (serializeReviewSelection) back to a validated one: JSON nulls are absent fields. */
export function deserializeReviewSelection(json: unknown): ValidReviewSelection {
  const obj = json && typeof json === 'object' ? Object.fromEntries(Object.entries(json).filter(([, v]) => v !== null)) : {};
  return parseReviewSelection(obj);
}

/** What the audit log keeps of a selection: criteria and at most 50 ids, never personal data. */
export function auditReviewSelection(sel: ValidReviewSelection): Prisma.InputJsonObject {
  const json = serializeReviewSelection(sel);
  return { ...json, ids: sel.ids?.slice(0, 50).map(String) ?? null, idCount: sel.ids?.length ?? 0 };
}
