import { can, getReviewJob } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { currentStaff } from '@/server/current-staff';

export const dynamic = 'force-dynamic';

/**
 * GET: a review job's progress as JSON (counts only, never signatures), for the progress bar's
 * poll every 2 s. One indexed read. Staff who may review (signature.review) only.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ jobId: string }> }) {
  const actor = await currentStaff();
  if (!actor) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!can(actor, 'signature.review')) return Response.json({ error: 'Your role cannot review signatures.' }, { status: 403 });
  const job = await getReviewJob(getDb(), (await params).jobId);
  if (!job) return Response.json({ error: 'Not found.' }, { status: 404 });
  return Response.json(job, { headers: { 'Cache-Control': 'no-store' } });
}
