import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '../testing/fixtures';
import { getCampaignStatus } from './get-campaign-status';

const t = useTestDatabase('campaign_status');

describe('getCampaignStatus', () => {
  it('tells a draft from a campaign that does not exist', async () => {
    const draft = await createCampaign(t.db, { status: 'draft' });
    const closed = await createCampaign(t.db, { status: 'closed' });
    expect(await getCampaignStatus(t.db, draft.slug)).toBe('draft');
    expect(await getCampaignStatus(t.db, closed.slug)).toBe('closed');
    expect(await getCampaignStatus(t.db, 'no-such-campaign')).toBeNull();
  });
});
