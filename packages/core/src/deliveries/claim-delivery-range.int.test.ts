import { useTestDatabase } from '@undersigned/db/testing';
import { createDb, type Db } from '@undersigned/db';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { AppError } from '../errors';
import { ASSIGN_BATCH, assignSignatureSequence } from './assign-signature-sequence';
import { claimDeliveryRange, NO_TARGET_EMAIL } from './claim-delivery-range';
import { deliverNow } from './deliver-now';
import { planDeliveries } from './plan-deliveries';
import { retryDelivery } from './retry-delivery';

const t = useTestDatabase('claim_delivery');

async function pairOf(campaignId: number) {
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId } });
  return { campaignId, targetId: pair.targetId };
}

describe('claimDeliveryRange', () => {
  it('chains ranges: each delivery starts where the previous one ended and covers only new signatures', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 30 });
    const first = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(first.fromSeq).toBe(0n);
    expect(first.signatureCount).toBe(30);
    expect(await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' })).toBeNull();
    await seedSignatures(t.db, c.id, { count: 5 });
    const second = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(second.fromSeq).toBe(first.toSeq);
    expect(second.signatureCount).toBe(5);
    expect(second.totalCount).toBe(35);
  });

  it('never skips a signature whose transaction commits after a later one', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 3 });
    // A second connection inserts a confirmed signature and holds its transaction open.
    const slow: Db = createDb({ url: t.url, max: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const late = slow.$transaction(
      async (tx) => {
        await tx.$executeRaw`INSERT INTO person (canonical_email, email, given_name, family_name, updated_at)
                             VALUES ('late@example.org', 'late@example.org', 'Late', 'Signer', now())`;
        await tx.$executeRaw`INSERT INTO signature (campaign_id, person_id, status, given_name, family_name, share_code, confirmed_at)
                             SELECT ${c.id}, id, 'confirmed', 'Late', 'Signer', 'late-share-code', now() FROM person WHERE canonical_email = 'late@example.org'`;
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 200));
    await seedSignatures(t.db, c.id, { count: 2 });
    const first = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(first.signatureCount).toBe(5);
    release();
    await late;
    await slow.$disconnect();
    const second = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(second.signatureCount).toBe(1);
    const lateRow = await t.db.signature.findFirstOrThrow({ where: { shareCode: 'late-share-code' } });
    expect(lateRow.seq! > second.fromSeq && lateRow.seq! <= second.toSeq).toBe(true);
  });

  it('lets exactly one of many concurrent claims win, with no overlapping ranges', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 50 });
    const results = await Promise.all(Array.from({ length: 8 }, () => claimDeliveryRange(t.db, { ...pair, trigger: 'manual' })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await t.db.delivery.count({ where: { campaignId: c.id } })).toBe(1);
  });

  it('refuses overlapping ranges in the database itself', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 10 });
    const d = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    await expect(
      t.db.delivery.create({
        data: { ...pair, trigger: 'manual', fromSeq: d.fromSeq + 1n, toSeq: d.toSeq + 5n, signatureCount: 1, totalCount: 1 },
      }),
    ).rejects.toThrow();
  });

  it('counts and delivers only constituents to a target that asks for them, and states both numbers', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', email: 'mayor@sj.example', postalCodes: ['95112', '95116'] }] });
    const pair = await pairOf(c.id);
    await t.db.campaignTarget.update({ where: { campaignId_targetId: pair }, data: { constituentsOnly: true } });
    await seedSignatures(t.db, c.id, { count: 7, postalCode: '95112' });
    await seedSignatures(t.db, c.id, { count: 2, postalCode: '95116-0001' });
    await seedSignatures(t.db, c.id, { count: 4, postalCode: '94110', locality: 'San Francisco' });
    const d = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(d.signatureCount).toBe(9);
    expect(d.constituentCount).toBe(9);
    expect(d.totalCount).toBe(13);
  });

  it('creates the delivery of a target without an email as failed, with a clear reason', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Council', email: null }] });
    const pair = await pairOf(c.id);
    await seedSignatures(t.db, c.id, { count: 3 });
    const d = (await claimDeliveryRange(t.db, { ...pair, trigger: 'manual' }))!;
    expect(d.status).toBe('failed');
    expect(d.lastError).toBe(NO_TARGET_EMAIL);
    await t.db.target.update({ where: { id: pair.targetId }, data: { email: 'council@city.example' } });
    const retried = await retryDelivery(t.db, { deliveryId: d.id, requestedById: null });
    expect(retried.status).toBe('pending');
  });

  it('does not give sequence numbers to uncounted signatures', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 3, status: 'fraudulent' });
    await seedSignatures(t.db, c.id, { count: 2 });
    expect(await assignSignatureSequence(t.db, { campaignId: c.id })).toBe(2);
    expect(await t.db.signature.count({ where: { campaignId: c.id, seq: { not: null } } })).toBe(2);
  });
});

describe('assignSignatureSequence on a backlog', () => {
  it('numbers a backlog larger than one batch completely, once each, oldest first, and the claim covers it all', async () => {
    const c = await createCampaign(t.db);
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await seedSignatures(t.db, c.id, { count: ASSIGN_BATCH + 1234 });
    expect(await assignSignatureSequence(t.db, { campaignId: c.id })).toBe(ASSIGN_BATCH + 1234);
    const [r] = await t.db.$queryRaw<{ n: bigint; d: bigint; unnumbered: bigint; inversions: bigint }[]>`
      SELECT count(*)::bigint AS n, count(DISTINCT seq)::bigint AS d, count(*) FILTER (WHERE seq IS NULL)::bigint AS unnumbered,
        (SELECT count(*) FROM (SELECT confirmed_at < lag(confirmed_at) OVER (ORDER BY seq) AS inv FROM signature WHERE campaign_id = ${c.id}) x WHERE inv)::bigint AS inversions
      FROM signature WHERE campaign_id = ${c.id}`;
    expect(r).toEqual({ n: BigInt(ASSIGN_BATCH + 1234), d: BigInt(ASSIGN_BATCH + 1234), unnumbered: 0n, inversions: 0n });
    const d = await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' });
    expect(d!.signatureCount).toBe(ASSIGN_BATCH + 1234);
  }, 60_000);
});

describe('planDeliveries', () => {
  it('delivers once when the total crosses a milestone, and again only at the next', async () => {
    const c = await createCampaign(t.db, { goal: 500 });
    await seedSignatures(t.db, c.id, { count: 99 });
    expect(await planDeliveries(t.db, { campaignId: c.id })).toEqual([]);
    await seedSignatures(t.db, c.id, { count: 1 });
    const planned = await planDeliveries(t.db, { campaignId: c.id });
    expect(planned).toMatchObject([{ trigger: 'milestone', milestone: 100 }]);
    await seedSignatures(t.db, c.id, { count: 50 });
    expect(await planDeliveries(t.db, { campaignId: c.id })).toEqual([]);
    await seedSignatures(t.db, c.id, { count: 400 });
    expect(await planDeliveries(t.db, { campaignId: c.id })).toMatchObject([{ trigger: 'milestone', milestone: 500 }]);
    const deliveries = await t.db.delivery.findMany({ where: { campaignId: c.id }, orderBy: { createdAt: 'asc' } });
    expect(deliveries.map((d) => d.signatureCount)).toEqual([100, 450]);
  });

  it('sends a digest after the scheduled local time only if there are new signatures', async () => {
    const c = await createCampaign(t.db, { goal: 100000 });
    const pair = await pairOf(c.id);
    await t.db.campaignTarget.update({
      where: { campaignId_targetId: pair },
      data: { milestones: [], scheduleCadence: 'daily', scheduleTime: '09:00' },
    });
    // No signatures: nothing, whatever the time.
    const tomorrow = new Date(Date.now() + 26 * 3600_000);
    expect(await planDeliveries(t.db, { campaignId: c.id, now: tomorrow })).toEqual([]);
    await seedSignatures(t.db, c.id, { count: 4 });
    // Signed after the last due time: wait for the next one.
    expect(await planDeliveries(t.db, { campaignId: c.id })).toEqual([]);
    expect(await planDeliveries(t.db, { campaignId: c.id, now: tomorrow })).toMatchObject([{ trigger: 'schedule' }]);
    expect(await planDeliveries(t.db, { campaignId: c.id, now: tomorrow })).toEqual([]);
  });

  it('makes a final delivery of everything not yet sent when the campaign closes', async () => {
    const c = await createCampaign(t.db, { goal: 100000 });
    await seedSignatures(t.db, c.id, { count: 12 });
    expect(await planDeliveries(t.db, { campaignId: c.id })).toEqual([]);
    await t.db.campaign.update({ where: { id: c.id }, data: { status: 'victory', closedAt: new Date() } });
    expect(await planDeliveries(t.db, { campaignId: c.id })).toMatchObject([{ trigger: 'final' }]);
    expect(await planDeliveries(t.db, { campaignId: c.id })).toEqual([]);
  });
});

describe('deliverNow', () => {
  it('creates a manual delivery with the requester, and refuses when nothing is new', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    const staff = await t.db.user.create({ data: { email: `staff-${c.id}@undersigned.example`, role: 'campaigner' } });
    await seedSignatures(t.db, c.id, { count: 3 });
    const d = await deliverNow(t.db, { ...pair, requestedById: staff.id });
    expect(d).toMatchObject({ trigger: 'manual', signatureCount: 3, requestedById: staff.id, status: 'pending' });
    const again = await deliverNow(t.db, { ...pair, requestedById: staff.id }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).code).toBe('conflict');
    expect(await t.db.auditLog.count({ where: { action: 'delivery.trigger', entityId: d.id } })).toBe(1);
  });

  it('is refused when manual delivery is off for the pair', async () => {
    const c = await createCampaign(t.db);
    const pair = await pairOf(c.id);
    await t.db.campaignTarget.update({ where: { campaignId_targetId: pair }, data: { manualEnabled: false } });
    await expect(deliverNow(t.db, { ...pair, requestedById: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('concurrent planners', () => {
  it('deliver a milestone once even when several plan at the same moment', async () => {
    const c = await createCampaign(t.db, { goal: 100000 });
    await seedSignatures(t.db, c.id, { count: 100 });
    const pair = await pairOf(c.id);
    // Each planner decided "milestone 100" before the lock; signatures keep arriving.
    const first = await claimDeliveryRange(t.db, { ...pair, trigger: 'milestone', milestone: 100 });
    await seedSignatures(t.db, c.id, { count: 5 });
    const second = await claimDeliveryRange(t.db, { ...pair, trigger: 'milestone', milestone: 100 });
    expect(first).not.toBeNull();
    expect(second).toBeNull();
    const results = await Promise.all(Array.from({ length: 4 }, () => planDeliveries(t.db, { campaignId: c.id })));
    expect(results.flat()).toEqual([]);
  });
});
