import { readFile } from 'node:fs/promises';
import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { foldCampaignRollup } from '../campaign-admin/fold-campaign-rollup';
import { getSignatureCount } from '../counters/get-signature-count';
import { reconcileSignatureCounts } from '../counters/reconcile-signature-counts';
import { claimDeliveryRange } from '../deliveries/claim-delivery-range';
import { writeDeliveryCsv } from '../deliveries/write-delivery-csv';
import { moderateSignatures } from '../people/moderate-signatures';
import { confirmSignature } from '../signatures/confirm-signature';
import { hashConfirmToken } from '../signatures/confirm-token';
import { createCampaign, createStaffActor, seedHeldSignatures, seedSignatures } from '../testing/fixtures';
import { applyReviewDecision } from './apply-review-decision';
import { countHeldSignatures } from './count-held-signatures';
import { findReviewJobsToRun } from './find-review-jobs-to-run';
import { getReviewJob } from './get-review-job';
import { listHeldGroups } from './list-held-groups';
import { listReviewSignatures } from './list-review-signatures';
import { previewReviewDecision } from './preview-review-decision';
import { runReviewJobChunk } from './run-review-job-chunk';

const t = useTestDatabase('review');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'reviewer@org.example', role: 'campaigner' });
});

const hash = (c: string) => c.repeat(64 / c.length);

async function pairOf(campaignId: number) {
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId } });
  return { campaignId, targetId: pair.targetId };
}

async function statusCounts(campaignId: number): Promise<Record<string, number>> {
  const rows = await t.db.signature.groupBy({ by: ['status'], where: { campaignId }, _count: true });
  return Object.fromEntries(rows.map((r) => [r.status, r._count]));
}

describe('the review queue', () => {
  it('approves a group of 140 held signatures: the count moves by 140 exactly once and the next delivery includes them, never a held one', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 60 });
    const first = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(first.signatureCount).toBe(60);
    const ip = hash('a1');
    await seedHeldSignatures(t.db, c.id, { count: 140, ipHash: ip, locality: 'Campus' });
    await seedHeldSignatures(t.db, c.id, { count: 5, ipHash: hash('b2'), locality: 'Botville' });
    // Held rows never count and are never delivered.
    expect(await getSignatureCount(t.db, c.id)).toBe(60);
    expect(await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' })).toBeNull();
    expect(await countHeldSignatures(t.db, { campaignId: c.id })).toBe(145);

    const preview = await previewReviewDecision(t.db, { campaignId: c.id, ipHash: ip }, 'approve');
    expect(preview).toMatchObject({ matching: 140, wouldCount: 140, wouldAwaitConfirmation: 0, campaigns: 1, runsAsJob: false });
    expect(preview.sample).toHaveLength(20);
    expect(JSON.stringify(preview.sample)).not.toMatch(/@|Quiñones/);
    expect(preview.sample[0]).toMatchObject({ lastInitial: 'Q', city: 'Campus', status: 'held', heldReason: 'ip_rate' });

    const result = await applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ipHash: ip }, decision: 'approve', expected: 140 });
    expect(result).toEqual({ mode: 'applied', changed: 140, counted: 140, awaiting: 0 });
    expect(await getSignatureCount(t.db, c.id)).toBe(200);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
    // Approving again changes nothing: they count once.
    expect(await applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ipHash: ip }, decision: 'approve', expected: 140 })).toMatchObject(
      {
        changed: 0,
      },
    );
    expect(await getSignatureCount(t.db, c.id)).toBe(200);

    const second = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(second).toMatchObject({ fromSeq: first.toSeq, signatureCount: 140, totalCount: 200 });
    const csv = await writeDeliveryCsv({
      databaseUrl: t.url,
      campaignId: c.id,
      fromSeq: 0n,
      toSeq: second.toSeq,
      includeEmails: false,
      constituentsOnly: false,
      codes: [],
      timeZone: 'UTC',
      baseName: 'review-test',
    });
    try {
      const text = await readFile(csv.path, 'utf8');
      const lines = text.trim().split('\n');
      expect(lines).toHaveLength(201);
      expect(lines.filter((l) => l.includes('Campus'))).toHaveLength(140);
      expect(text).not.toContain('Botville');
    } finally {
      await csv.cleanup();
    }
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'signatures.review_approve', entityId: String(c.id) } });
    expect(audit.data).toMatchObject({ changed: 140, counted: 140, selection: { ipHash: ip, statuses: ['held'] } });
    expect(JSON.stringify(audit.data)).not.toMatch(/@|María|Quiñones/);
  });

  it('rejects held signatures: they become fraudulent and nothing counted changes', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 10 });
    await seedHeldSignatures(t.db, c.id, { count: 30, emailDomain: 'mailinator.example', heldReason: 'disposable_domain' });
    const preview = await previewReviewDecision(t.db, { campaignId: c.id, emailDomain: 'mailinator.example' }, 'reject');
    expect(preview).toMatchObject({ matching: 30, wouldCount: 0 });
    const result = await applyReviewDecision(t.db, actor, {
      selection: { campaignId: c.id, emailDomain: 'mailinator.example' },
      decision: 'reject',
      expected: 30,
    });
    expect(result).toMatchObject({ mode: 'applied', changed: 30, counted: 0 });
    expect(await statusCounts(c.id)).toEqual({ confirmed: 10, fraudulent: 30 });
    expect(await getSignatureCount(t.db, c.id)).toBe(10);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
    // Rejecting applies only to held rows: a restore selection of fraudulent rows rejects nothing.
    expect((await previewReviewDecision(t.db, { campaignId: c.id, statuses: ['fraudulent'] }, 'reject')).matching).toBe(0);
  });

  it('restores a fraudulent and an invalidated signature into the count, the rollup and the next delivery', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 6 });
    const first = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    await foldCampaignRollup(t.db, c.id);
    const [a, b] = await t.db.signature.findMany({ where: { campaignId: c.id }, orderBy: { id: 'asc' }, take: 2 });
    await moderateSignatures(t.db, actor, { selection: { campaignId: c.id, ids: [a!.id] }, status: 'fraudulent' });
    await moderateSignatures(t.db, actor, { selection: { campaignId: c.id, ids: [b!.id] }, status: 'invalidated' });
    expect(await getSignatureCount(t.db, c.id)).toBe(4);

    const selection = { campaignId: c.id, statuses: ['fraudulent', 'invalidated'] as ('fraudulent' | 'invalidated')[], ids: [a!.id, b!.id] };
    const preview = await previewReviewDecision(t.db, selection, 'approve');
    expect(preview).toMatchObject({ matching: 2, wouldCount: 2 });
    expect(await applyReviewDecision(t.db, actor, { selection, decision: 'approve', expected: 2 })).toMatchObject({ changed: 2, counted: 2 });
    expect(await getSignatureCount(t.db, c.id)).toBe(6);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
    const restored = await t.db.signature.findMany({ where: { id: { in: [a!.id, b!.id] } } });
    expect(restored.map((r) => [r.status, r.seq])).toEqual([
      ['confirmed', null],
      ['confirmed', null],
    ]);
    const next = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(next).toMatchObject({ fromSeq: first.toSeq, signatureCount: 2, totalCount: 6 });
    await foldCampaignRollup(t.db, c.id);
    const hours = await t.db.campaignRollup.aggregate({ where: { campaignId: c.id, kind: 'hour' }, _sum: { count: true } });
    expect(Number(hours._sum.count)).toBe(6);
  });

  it('where the campaign confirms by email, an approved signature whose signer has not clicked awaits the click instead of counting', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    await seedHeldSignatures(t.db, c.id, { count: 3, ipHash: hash('c3'), withToken: true });
    await seedHeldSignatures(t.db, c.id, { count: 2, ipHash: hash('c3'), withToken: true, clicked: true });
    const preview = await previewReviewDecision(t.db, { campaignId: c.id }, 'approve');
    expect(preview).toMatchObject({ matching: 5, wouldCount: 2, wouldAwaitConfirmation: 3 });
    expect(await applyReviewDecision(t.db, actor, { selection: { campaignId: c.id }, decision: 'approve', expected: 5 })).toEqual({
      mode: 'applied',
      changed: 5,
      counted: 2,
      awaiting: 3,
    });
    expect(await statusCounts(c.id)).toEqual({ confirmed: 2, pending: 3 });
    expect(await getSignatureCount(t.db, c.id)).toBe(2);
  });

  it('counts exactly once when two overlapping decisions run at the same moment', async () => {
    const c = await createCampaign(t.db);
    const ip = hash('d4');
    await seedHeldSignatures(t.db, c.id, { count: 140, ipHash: ip });
    await seedHeldSignatures(t.db, c.id, { count: 20, emailDomain: 'campus.example', ipHash: ip });
    // One approves the IP group (160), another the domain inside it (20), at once.
    const results = await Promise.all([
      applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ipHash: ip }, decision: 'approve', expected: 160 }),
      applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, emailDomain: 'campus.example' }, decision: 'approve', expected: 20 }),
      applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ipHash: ip }, decision: 'approve', expected: 160 }),
    ]);
    const changed = results.reduce((n, r) => n + (r.mode === 'applied' ? r.changed : 0), 0);
    const counted = results.reduce((n, r) => n + (r.mode === 'applied' ? r.counted : 0), 0);
    expect([changed, counted]).toEqual([160, 160]);
    expect(await getSignatureCount(t.db, c.id)).toBe(160);
    expect(await statusCounts(c.id)).toEqual({ confirmed: 160 });
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
  });

  it('counts exactly once when a decision and the signer’s confirmation click race', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    for (let round = 0; round < 5; round += 1) {
      const [id] = await seedHeldSignatures(t.db, c.id, { count: 1, ipHash: hash('9a'), withToken: true });
      const token = `race-token-${process.pid}-${round}-abcdefghij`;
      await t.db.signature.update({ where: { id }, data: { confirmTokenHash: hashConfirmToken(token) } });
      await Promise.all([
        applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ids: [id!] }, decision: 'approve', expected: 1 }),
        confirmSignature(t.db, token),
      ]);
      expect((await t.db.signature.findUniqueOrThrow({ where: { id } })).status).toBe('confirmed');
    }
    expect(await getSignatureCount(t.db, c.id)).toBe(5);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
  });

  it('refuses when the selection grew since the preview, and a cross-campaign restore that does not narrow', async () => {
    const c = await createCampaign(t.db);
    const ip = hash('e5');
    await seedHeldSignatures(t.db, c.id, { count: 4, ipHash: ip });
    const preview = await previewReviewDecision(t.db, { ipHash: ip }, 'approve');
    await seedHeldSignatures(t.db, c.id, { count: 1, ipHash: ip });
    await expect(
      applyReviewDecision(t.db, actor, { selection: { ipHash: ip }, decision: 'approve', expected: preview.matching }),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await countHeldSignatures(t.db, { campaignId: c.id })).toBe(5);
    await expect(previewReviewDecision(t.db, { statuses: ['fraudulent'] }, 'approve')).rejects.toMatchObject({
      code: 'validation',
      fields: { selection: 'selection_too_broad' },
    });
    await expect(previewReviewDecision(t.db, { campaignId: c.id, ipHash: 'not-hex' }, 'approve')).rejects.toMatchObject({ code: 'validation' });
    // The plain held queue across campaigns is allowed.
    expect((await previewReviewDecision(t.db, {}, 'approve')).matching).toBeGreaterThanOrEqual(5);
  });

  it('runs a large decision as a job in chunks, with progress, never taking rows that arrived after it was created', async () => {
    const c = await createCampaign(t.db);
    const ip = hash('f6');
    await seedSignatures(t.db, c.id, { count: 3 });
    await seedHeldSignatures(t.db, c.id, { count: 520, ipHash: ip });
    const preview = await previewReviewDecision(t.db, { campaignId: c.id, ipHash: ip }, 'approve');
    expect(preview).toMatchObject({ matching: 520, runsAsJob: true });
    const started = await applyReviewDecision(t.db, actor, { selection: { campaignId: c.id, ipHash: ip }, decision: 'approve', expected: 520 });
    expect(started).toMatchObject({ mode: 'job', expected: 520 });
    const jobId = (started as { jobId: string }).jobId;
    expect(await getReviewJob(t.db, jobId)).toMatchObject({ status: 'queued', done: 0, expected: 520, percent: 0, finished: false });
    expect(await getSignatureCount(t.db, c.id)).toBe(3);
    await t.db.reviewJob.update({ where: { id: jobId }, data: { createdAt: new Date(Date.now() - 60_000) } });
    expect(await findReviewJobsToRun(t.db)).toContain(jobId);
    // More arrive from the same address after the decision: not part of it.
    await seedHeldSignatures(t.db, c.id, { count: 7, ipHash: ip });

    const one = await runReviewJobChunk(t.db, jobId);
    expect(one).toMatchObject({ status: 'running', changed: 500, done: 500, counted: 500, more: true });
    expect(await getReviewJob(t.db, jobId)).toMatchObject({ status: 'running', done: 500, percent: 96 });
    expect(await getSignatureCount(t.db, c.id)).toBe(503);
    const two = await runReviewJobChunk(t.db, jobId);
    expect(two).toMatchObject({ status: 'done', changed: 20, done: 520, counted: 520, more: false });
    expect(await runReviewJobChunk(t.db, jobId)).toMatchObject({ status: 'done', changed: 0, more: false });
    expect(await getReviewJob(t.db, jobId)).toMatchObject({ status: 'done', percent: 100, finished: true });
    expect(await getSignatureCount(t.db, c.id)).toBe(523);
    expect(await countHeldSignatures(t.db, { campaignId: c.id })).toBe(7);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
    expect(await findReviewJobsToRun(t.db)).not.toContain(jobId);
    expect(await t.db.auditLog.count({ where: { action: 'signatures.review_approve', entityId: String(c.id) } })).toBe(2);
  });

  it('records a job that cannot run as failed, with the reason', async () => {
    const job = await t.db.reviewJob.create({ data: { decision: 'approve', selection: { statuses: ['nonsense'] }, expected: 1 } });
    expect(await runReviewJobChunk(t.db, job.id)).toMatchObject({ status: 'failed', more: false });
    expect(await getReviewJob(t.db, job.id)).toMatchObject({ status: 'failed', finished: true, error: expect.stringMatching(/review/) });
    expect(await runReviewJobChunk(t.db, 'not-a-uuid')).toMatchObject({ status: 'missing' });
  });

  it('groups held signatures by IP hash, email domain and hour with samples that carry no email or family name, and pages the list', async () => {
    const c = await createCampaign(t.db);
    const other = await createCampaign(t.db);
    const ip = hash('07');
    const hourAgo = new Date(Date.now() - 3600_000);
    await seedHeldSignatures(t.db, c.id, { count: 40, ipHash: ip, emailDomain: 'church.example', createdAt: hourAgo });
    await seedHeldSignatures(t.db, other.id, { count: 20, ipHash: ip, emailDomain: 'church.example', heldReason: 'domain_rate' });
    const groups = await listHeldGroups(t.db, { campaignId: c.id });
    expect(groups.byIpHash).toEqual([expect.objectContaining({ key: ip, count: 40, campaigns: 1, reasons: ['ip_rate'] })]);
    expect(groups.byEmailDomain[0]).toMatchObject({ key: 'church.example', count: 40 });
    expect(groups.byHour).toHaveLength(1);
    const everywhere = await listHeldGroups(t.db, {});
    const group = everywhere.byIpHash.find((g) => g.key === ip)!;
    expect(group).toMatchObject({ count: 60, campaigns: 2 });
    expect(group.reasons.sort()).toEqual(['domain_rate', 'ip_rate']);
    expect(group.samples).toHaveLength(3);
    expect(Object.keys(group.samples[0]!).sort()).toEqual(['at', 'city', 'givenName', 'lastInitial']);
    expect(group.samples[0]).toMatchObject({ lastInitial: 'Q', city: 'San Jose' });
    expect(JSON.stringify(everywhere)).not.toMatch(/Quiñones|held-/);

    const page1 = await listReviewSignatures(t.db, { ipHash: ip });
    expect(page1.total).toBe(60);
    expect(page1.rows).toHaveLength(50);
    expect(page1.nextBefore).not.toBeNull();
    expect(page1.rows[0]).toMatchObject({ status: 'held', lastInitial: 'Q', ipHashShort: ip.slice(0, 10), campaignTitle: 'Test petition' });
    expect(Object.keys(page1.rows[0]!)).not.toContain('email');
    const page2 = await listReviewSignatures(t.db, { ipHash: ip }, { before: page1.nextBefore! });
    expect(page2.rows).toHaveLength(10);
    expect(page2.nextBefore).toBeNull();
    expect(new Set([...page1.rows, ...page2.rows].map((r) => r.id)).size).toBe(60);
  });
});
