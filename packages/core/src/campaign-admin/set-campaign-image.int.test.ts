import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor, signer } from '../testing/fixtures';
import { getCampaignDashboard } from './get-campaign-dashboard';
import { listCampaigns } from './list-campaigns';
import { setCampaignImage } from './set-campaign-image';
import { signPetition } from '../signatures/sign-petition';

const t = useTestDatabase('campaign_image');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'img@org.example', role: 'campaigner' });
});

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('campaign images', () => {
  it('stores a PNG by content, replaces the previous image, and removes it on request', async () => {
    const c = await createCampaign(t.db);
    const first = await setCampaignImage(t.db, actor, { campaignId: c.id, bytes: PNG, alt: 'A rally' });
    const second = await setCampaignImage(t.db, actor, { campaignId: c.id, bytes: PNG });
    expect(await t.db.image.findUnique({ where: { id: first.imageId! } })).toBeNull();
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id: c.id } })).imageId).toBe(second.imageId);
    await setCampaignImage(t.db, actor, { campaignId: c.id, bytes: null });
    expect(await t.db.image.count()).toBe(0);
  });

  it('refuses a file that is not an image whatever its name, writing nothing', async () => {
    const c = await createCampaign(t.db);
    const html = new TextEncoder().encode('<html><script>alert(1)</script>');
    await expect(setCampaignImage(t.db, actor, { campaignId: c.id, bytes: html })).rejects.toMatchObject({
      code: 'validation',
      fields: { image: 'image_type' },
    });
    expect(await t.db.image.count()).toBe(0);
  });
});

describe('dashboard numbers', () => {
  it('counts total, today, 7 days, constituents and sources from the same rows', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', postalCodes: ['95112'] }] });
    await signPetition(t.db, c.slug, signer({ postalCode: '95112', source: 'email' }));
    await signPetition(t.db, c.slug, signer({ postalCode: '95112', source: 'email' }));
    await signPetition(t.db, c.slug, signer({ postalCode: '10001' }));
    const d = await getCampaignDashboard(t.db, c.id, { timeZone: 'America/Los_Angeles' });
    expect(d).toMatchObject({ total: 3, today: 3, last7Days: 3, constituents: 2 });
    expect(d.topSources).toEqual([
      { label: 'email', count: 2 },
      { label: '(direct)', count: 1 },
    ]);
    expect(d.series).toHaveLength(30);
    expect(d.series.reduce((sum, p) => sum + p.count, 0)).toBe(3);
    const [row] = await listCampaigns(t.db, { q: c.slug, timeZone: 'America/Los_Angeles' });
    expect(row).toMatchObject({ count: 3, today: 3 });
  });
});
