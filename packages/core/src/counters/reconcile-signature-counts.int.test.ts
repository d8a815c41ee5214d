import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, signer } from '../testing/fixtures';
import { signPetition } from '../signatures/sign-petition';
import { getSignatureCount } from './get-signature-count';
import { reconcileSignatureCounts } from './reconcile-signature-counts';

const t = useTestDatabase('reconcile');

describe('reconcileSignatureCounts', () => {
  it('reports nothing when the shards already equal the table', async () => {
    const c = await createCampaign(t.db);
    for (let i = 0; i < 5; i++) await signPetition(t.db, c.slug, signer());
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
  });

  it('restores the exact count after the counters were corrupted and reports the fix', async () => {
    const c = await createCampaign(t.db);
    for (let i = 0; i < 7; i++) await signPetition(t.db, c.slug, signer());
    await t.db.$executeRaw`UPDATE campaign_counter SET count = count + 100 WHERE campaign_id = ${c.id}`;
    const repairs = await reconcileSignatureCounts(t.db);
    expect(repairs).toContainEqual(expect.objectContaining({ campaignId: c.id, actual: 7 }));
    expect(await getSignatureCount(t.db, c.id)).toBe(7);
  });
});
