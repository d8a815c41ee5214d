import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { claimDeliveryRange } from './claim-delivery-range';
import { getPublicDelivery } from './get-public-delivery';

const t = useTestDatabase('public_delivery');

describe('getPublicDelivery', () => {
  it('shows counts, range, hash and integrity figures, and no signer data', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', postalCodes: ['95112'] }] });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await seedSignatures(t.db, c.id, { count: 6, postalCode: '95112', comment: 'private words' });
    await seedSignatures(t.db, c.id, { count: 2, postalCode: '10001' });
    await seedSignatures(t.db, c.id, { count: 2, status: 'fraudulent' });
    const d = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' }))!;
    await t.db.delivery.update({ where: { id: d.id }, data: { manifestSha256: 'f'.repeat(64) } });
    const pub = (await getPublicDelivery(t.db, d.id))!;
    expect(pub).toMatchObject({
      signatureCount: 8,
      totalCount: 8,
      manifestSha256: 'f'.repeat(64),
      target: { name: 'Mayor Sam Liccardo' },
      range: { fromSeq: '0', toSeq: d.toSeq.toString() },
      integrity: { shareConfirmed: 1, removedAsFraudulent: 2, shareInJurisdiction: 0.75 },
    });
    const json = JSON.stringify(pub);
    expect(json).not.toContain('private words');
    expect(json).not.toContain('José');
    expect(json).not.toContain('@example.org');
  });

  it('returns null for unknown or malformed ids', async () => {
    expect(await getPublicDelivery(t.db, 'nope')).toBeNull();
    expect(await getPublicDelivery(t.db, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });
});
