import { applyReviewDecision, getSignatureCount, reconcileSignatureCounts } from '@undersigned/core';
import { createCampaign, createStaffActor, seedHeldSignatures } from '@undersigned/core/testing';
import { eventually } from '@undersigned/testing';
import { useWorkerTestbed } from './testing/worker-testbed';

// A real worker process runs a large review decision (issue 15) to the end, in chunks.
const bed = useWorkerTestbed('review', { WORKER_RECONCILE_EVERY_MS: '1000' });
jest.setTimeout(60_000);

describe('review jobs (worker)', () => {
  it('runs a queued review job whose queue entry was lost (found by reconcile-jobs) to the end, counting each signature once', async () => {
    const actor = await createStaffActor(bed.t.db, { email: 'reviewer@worker.example', role: 'campaigner' });
    const campaign = await createCampaign(bed.t.db, { targets: [] });
    const ip = 'ab'.repeat(32);
    await seedHeldSignatures(bed.t.db, campaign.id, { count: 530, ipHash: ip });
    const started = await applyReviewDecision(bed.t.db, actor, {
      selection: { campaignId: campaign.id, ipHash: ip },
      decision: 'approve',
      expected: 530,
    });
    if (started.mode !== 'job') throw new Error('expected a review job');
    // Nobody enqueued it (as if Redis was down when staff applied it): the reconciler finds it.
    await bed.t.db.reviewJob.update({ where: { id: started.jobId }, data: { createdAt: new Date(Date.now() - 60_000) } });
    const w = bed.start();
    await w.started;
    const job = await eventually(
      async () => {
        const row = await bed.t.db.reviewJob.findUniqueOrThrow({ where: { id: started.jobId } });
        return row.status === 'done' ? row : null;
      },
      { timeoutMs: 30_000 },
    );
    expect(job).toMatchObject({ done: 530, counted: 530, expected: 530, error: null });
    expect(await getSignatureCount(bed.t.db, campaign.id)).toBe(530);
    expect(await reconcileSignatureCounts(bed.t.db, campaign.id)).toEqual([]);
    await w.waitForLine((l) => l.job === 'review.run' && l.outcome === 'done' && l.reviewJobId === started.jobId);
  });
});
