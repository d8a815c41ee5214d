import { can, getCampaignForStaff, recordAudit, streamSignaturesCsv } from '@undersigned/core';
import { getDb } from '@undersigned/db';
import { isSameOrigin } from '@/server/check-origin';
import { currentStaff } from '@/server/current-staff';
import { recordIdSchema } from '@/server/record-id';

export const dynamic = 'force-dynamic';

/** POST: streams the campaign's signatures as CSV (campaigner+, audited, same-origin only). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!isSameOrigin(request)) return new Response('Cross-site request refused.', { status: 403 });
  const actor = await currentStaff();
  if (!actor) return new Response('Sign in first.', { status: 401 });
  if (!can(actor, 'signature.export')) return new Response('Your role does not allow exports.', { status: 403 });
  const id = recordIdSchema.safeParse((await params).id);
  if (!id.success) return new Response('Not found.', { status: 404 });
  const form = await request.formData().catch(() => new FormData());
  const includeEmail = form.get('includeEmail') === '1';
  const db = getDb();
  const campaign = await getCampaignForStaff(db, id.data);
  if (!campaign) return new Response('Not found.', { status: 404 });

  await recordAudit(db, {
    actorId: actor.id,
    action: 'signatures.export',
    entityType: 'campaign',
    entityId: campaign.id,
    data: { includeEmail },
  });
  const rows = streamSignaturesCsv(db, { campaignId: campaign.id, includeEmail });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await rows.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${campaign.slug}-signatures-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
