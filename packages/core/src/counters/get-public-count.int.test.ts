import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { getPublicCount } from './get-public-count';

const t = useTestDatabase('public_count');

describe('getPublicCount', () => {
  it('answers the counted total, goal and status of published, closed and won campaigns', async () => {
    const open = await createCampaign(t.db, { goal: 500 });
    await seedSignatures(t.db, open.id, { count: 3 });
    expect(await getPublicCount(t.db, open.slug)).toEqual({ status: 'published', goal: 500, total: 3 });
    const won = await createCampaign(t.db, { status: 'victory' });
    expect(await getPublicCount(t.db, won.slug)).toMatchObject({ status: 'victory', total: 0 });
  });

  it('answers null for a draft and an unknown slug', async () => {
    const draft = await createCampaign(t.db, { status: 'draft' });
    expect(await getPublicCount(t.db, draft.slug)).toBeNull();
    expect(await getPublicCount(t.db, 'no-such-campaign')).toBeNull();
  });
});
