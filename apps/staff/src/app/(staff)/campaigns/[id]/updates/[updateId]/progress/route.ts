import { z } from 'zod';
import { can, getUpdateProgress } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { currentStaff } from '@/server/current-staff';
import { recordIdSchema } from '@/server/record-id';

export const dynamic = 'force-dynamic';

/**
 * GET: an update's progress as JSON, for the progress view's poll (every ~2 s while it runs).
 * Read from the update row alone (counters the worker keeps), so polling costs one indexed read.
 * Signed-in staff with `update.read` only; counts, never recipients.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string; updateId: string }> }) {
  const actor = await currentStaff();
  if (!actor) return Response.json({ error: 'Sign in first.' }, { status: 401 });
  if (!can(actor, 'update.read')) return Response.json({ error: 'Your role cannot see updates.' }, { status: 403 });
  const raw = await params;
  const campaignId = recordIdSchema.safeParse(raw.id);
  const updateId = z.uuid().safeParse(raw.updateId);
  if (!campaignId.success || !updateId.success) return Response.json({ error: 'Not found.' }, { status: 404 });
  const progress = await getUpdateProgress(getDb(), { campaignId: campaignId.data, updateId: updateId.data });
  if (!progress) return Response.json({ error: 'Not found.' }, { status: 404 });
  return Response.json(progress, { headers: { 'Cache-Control': 'no-store' } });
}
