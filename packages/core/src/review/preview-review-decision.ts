import type { Db } from '@undersigned/db';
import { AppError } from '../errors';
import { parseReviewSelection, reviewSelectionSql, type ReviewDecision, type ReviewSelection } from './review-selection';
import { REVIEW_ROW_COLUMNS, REVIEW_ROW_JOINS, toReviewSignatureRow, type ReviewSignatureRow, type ReviewSignatureSqlRow } from './review-sample';

/** Decisions up to this many signatures are applied at once; larger ones run as a review job. */
export const REVIEW_DIRECT_LIMIT = 500;

export interface ReviewPreview {
  decision: ReviewDecision;
  /** Signatures the decision would change now (pass it back as `expected`). */
  matching: number;
  /** Of those, how many would count at once (approve; 0 for reject). */
  wouldCount: number;
  /** Approved ones that would await their signer's confirmation click instead (campaigns that confirm by email). */
  wouldAwaitConfirmation: number;
  /** Campaigns the matching signatures belong to. */
  campaigns: number;
  /** More than REVIEW_DIRECT_LIMIT: applying it starts a background job with progress. */
  runsAsJob: boolean;
  /** Up to 20 of them, newest first. */
  sample: ReviewSignatureRow[];
}

/** What approving or rejecting a selection would change, before applying it. Writes nothing. */
export async function previewReviewDecision(db: Db, selection: ReviewSelection, decision: ReviewDecision): Promise<ReviewPreview> {
  if (decision !== 'approve' && decision !== 'reject') throw new AppError('validation', 'Choose approve or reject.', { decision: 'invalid' });
  const sel = parseReviewSelection(selection);
  const where = reviewSelectionSql(sel, decision);
  const [totals] = await db.$queryRaw<{ matching: bigint; awaits: bigint; campaigns: bigint }[]>`
    SELECT count(*)::bigint AS matching,
           count(*) FILTER (WHERE c.require_confirmation AND s.confirmed_at IS NULL AND s.confirm_token_hash IS NOT NULL)::bigint AS awaits,
           count(DISTINCT s.campaign_id)::bigint AS campaigns
    FROM signature s JOIN person p ON p.id = s.person_id JOIN campaign c ON c.id = s.campaign_id
    WHERE ${where}`;
  const sample = await db.$queryRaw<ReviewSignatureSqlRow[]>`
    SELECT ${REVIEW_ROW_COLUMNS} FROM signature s ${REVIEW_ROW_JOINS}
    WHERE ${where} ORDER BY s.id DESC LIMIT 20`;
  const matching = Number(totals?.matching ?? 0);
  const awaits = decision === 'approve' ? Number(totals?.awaits ?? 0) : 0;
  return {
    decision,
    matching,
    wouldCount: decision === 'approve' ? matching - awaits : 0,
    wouldAwaitConfirmation: awaits,
    campaigns: Number(totals?.campaigns ?? 0),
    runsAsJob: matching > REVIEW_DIRECT_LIMIT,
    sample: sample.map(toReviewSignatureRow),
  };
}
