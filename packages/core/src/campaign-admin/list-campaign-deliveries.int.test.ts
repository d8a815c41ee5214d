import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { claimDeliveryRange } from '../deliveries/claim-delivery-range';
import { listCampaignDeliveries } from './list-campaign-deliveries';

const t = useTestDatabase('list_deliveries');

/**
 * Adds `count` counted signatures signed on consecutive days from `firstDay` (in that order, so
 * the delivery sequence numbers them in that order too).
 */
async function signOnDays(campaignId: number, count: number, firstDay: string) {
  const before = await t.db.signature.findMany({ where: { campaignId }, select: { id: true } });
  await seedSignatures(t.db, campaignId, { count });
  const added = await t.db.signature.findMany({
    where: { campaignId, id: { notIn: before.map((s) => s.id) } },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  for (const [i, { id }] of added.entries()) {
    const day = new Date(Date.parse(`${firstDay}T12:00:00Z`) + i * 86_400_000);
    await t.db.signature.update({ where: { id }, data: { createdAt: day, confirmedAt: day } });
  }
}

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe('listCampaignDeliveries', () => {
  it('numbers each delivery within what its target was sent, with the first and last signing dates, and keeps the raw range', async () => {
    // Another campaign takes delivery sequence numbers first: raw ranges do not start at 1.
    const other = await createCampaign(t.db);
    await seedSignatures(t.db, other.id, { count: 9 });
    const otherPair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: other.id } });
    await claimDeliveryRange(t.db, { campaignId: other.id, targetId: otherPair.targetId, trigger: 'manual' });

    const c = await createCampaign(t.db, {
      targets: [
        { title: 'Mayor', email: 'mayor@city.example' },
        { title: 'Council', email: 'council@city.example' },
      ],
    });
    const [mayor, council] = await t.db.campaignTarget.findMany({ where: { campaignId: c.id }, orderBy: { position: 'asc' } });
    await signOnDays(c.id, 6, '2026-03-01');
    const first = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: mayor!.targetId, trigger: 'manual' }))!;
    await signOnDays(c.id, 4, '2026-03-10');
    const second = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: mayor!.targetId, trigger: 'manual' }))!;
    // The council is delivered to once, late: its one delivery is the whole campaign so far.
    const councils = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: council!.targetId, trigger: 'manual' }))!;

    const log = await listCampaignDeliveries(t.db, c.id);
    const row = (id: string) => log.find((d) => d.id === id)!;
    expect(row(first.id)).toMatchObject({
      positions: { first: 1, last: 6 },
      signedBetween: { first: day('2026-03-01'), last: day('2026-03-06') },
      fromSeq: first.fromSeq.toString(),
      toSeq: first.toSeq.toString(),
    });
    expect(first.toSeq).toBeGreaterThan(6n); // the raw range is not what a campaigner can read
    expect(row(second.id)).toMatchObject({
      positions: { first: 7, last: 10 },
      signedBetween: { first: day('2026-03-10'), last: day('2026-03-13') },
      fromSeq: first.toSeq.toString(),
    });
    expect(row(councils.id)).toMatchObject({
      positions: { first: 1, last: 10 },
      signedBetween: { first: day('2026-03-01'), last: day('2026-03-13') },
    });
  });

  it('reads a delivery left with no signatures as empty, and the next one still follows on', async () => {
    const c = await createCampaign(t.db);
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await signOnDays(c.id, 3, '2026-04-01');
    const emptied = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' }))!;
    // Every signature in it was marked fraudulent before it went out: it was sent with none
    // (sendDelivery records the rows it actually sent).
    await t.db.signature.updateMany({ where: { campaignId: c.id }, data: { status: 'fraudulent' } });
    await t.db.delivery.update({ where: { id: emptied.id }, data: { signatureCount: 0, status: 'sent', sentAt: new Date() } });
    await signOnDays(c.id, 2, '2026-04-10');
    const next = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' }))!;

    const log = await listCampaignDeliveries(t.db, c.id);
    expect(log.find((d) => d.id === emptied.id)).toMatchObject({ positions: null, signedBetween: null, signatureCount: 0 });
    expect(log.find((d) => d.id === next.id)).toMatchObject({
      positions: { first: 1, last: 2 },
      signedBetween: { first: day('2026-04-10'), last: day('2026-04-11') },
    });
  });

  it('answers a campaign without deliveries with an empty log', async () => {
    const c = await createCampaign(t.db);
    expect(await listCampaignDeliveries(t.db, c.id)).toEqual([]);
  });
});
