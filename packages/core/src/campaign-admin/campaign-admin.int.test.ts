import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createStaffActor } from '../testing/fixtures';
import { createTarget } from '../targets/create-target';
import { attachTarget } from '../targets/attach-target';
import { updateDeliveryPolicy } from '../targets/update-delivery-policy';
import { changeCampaignStatus } from './change-campaign-status';
import { createCampaign } from './create-campaign';
import { listCampaigns } from './list-campaigns';
import { updateCampaign } from './update-campaign';

const t = useTestDatabase('campaign_admin');
let admin: StaffActor;
beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'lead@org.example', role: 'campaigner' });
});

const input = (slug: string) => ({
  slug,
  goal: 500,
  translations: {
    en: { title: 'Tell Councilmember X: fund libraries', ask: 'Fund the libraries.', body: 'We need **libraries**.' },
    es: { title: '', ask: '', body: '' },
  },
  sources: [{ citation: 'City budget 2026', url: 'https://city.example/budget' }],
});

describe('campaign authoring', () => {
  it('creates a draft with its text and sources, audited, and refuses a clashing slug', async () => {
    const { id } = await createCampaign(t.db, admin, input('fund-libraries'));
    const row = await t.db.campaign.findUniqueOrThrow({ where: { id }, include: { translations: true, sources: true } });
    expect(row.status).toBe('draft');
    expect(row.translations.map((x) => x.locale)).toEqual(['en']);
    expect(row.sources).toHaveLength(1);
    const audit = await t.db.auditLog.findFirst({ where: { action: 'campaign.create', entityId: String(id) } });
    expect(audit?.actorId).toBe(admin.id);
    await expect(createCampaign(t.db, admin, input('fund-libraries'))).rejects.toMatchObject({
      code: 'conflict',
      fields: { slug: 'slug_taken' },
    });
  });

  it('rejects bad input with field keys and writes nothing', async () => {
    const before = await t.db.campaign.count();
    await expect(
      createCampaign(t.db, admin, { ...input('Bad Slug!'), goal: 0, translations: { en: { title: '', ask: '', body: '' } } }),
    ).rejects.toMatchObject({ code: 'validation', fields: expect.objectContaining({ slug: 'invalid_slug', goal: 'invalid_goal' }) });
    expect(await t.db.campaign.count()).toBe(before);
  });

  it('saves a Spanish translation side by side and replaces sources in order', async () => {
    const { id } = await createCampaign(t.db, admin, input('bilingual'));
    await updateCampaign(t.db, admin, id, {
      ...input('bilingual'),
      translations: {
        en: input('x').translations.en,
        es: { title: 'Dígale al concejal X', ask: 'Financie las bibliotecas.', body: 'Necesitamos bibliotecas.' },
      },
      sources: [{ citation: 'A' }, { citation: 'B', url: 'https://b.example' }],
    });
    const row = await t.db.campaign.findUniqueOrThrow({
      where: { id },
      include: { translations: { orderBy: { locale: 'asc' } }, sources: { orderBy: { position: 'asc' } } },
    });
    expect(row.translations.map((x) => x.locale)).toEqual(['en', 'es']);
    expect(row.sources.map((s) => [s.position, s.citation])).toEqual([
      [1, 'A'],
      [2, 'B'],
    ]);
  });

  it('publishes only with a target, then closes and marks victory; each step audited; illegal moves refused', async () => {
    const { id } = await createCampaign(t.db, admin, input('lifecycle'));
    await expect(changeCampaignStatus(t.db, admin, { campaignId: id, action: 'publish' })).rejects.toMatchObject({
      code: 'validation',
    });
    const target = await createTarget(t.db, admin, { title: 'Councilmember', givenName: 'X', email: 'x@city.example', postalCodes: '95112, 95113' });
    await attachTarget(t.db, admin, { campaignId: id, targetId: target.id });
    await updateDeliveryPolicy(
      t.db,
      admin,
      { campaignId: id, targetId: target.id },
      {
        milestones: '1000, 100',
        scheduleCadence: 'weekly',
        scheduleTime: '09:30',
        scheduleWeekday: 1,
        constituentsOnly: true,
      },
    );
    const link = await t.db.campaignTarget.findUniqueOrThrow({ where: { campaignId_targetId: { campaignId: id, targetId: target.id } } });
    expect(link).toMatchObject({ milestones: [100, 1000], scheduleCadence: 'weekly', scheduleTime: '09:30', constituentsOnly: true });

    expect(await changeCampaignStatus(t.db, admin, { campaignId: id, action: 'publish' })).toBe('published');
    await expect(changeCampaignStatus(t.db, admin, { campaignId: id, action: 'publish' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await changeCampaignStatus(t.db, admin, { campaignId: id, action: 'close' })).toBe('closed');
    expect(await changeCampaignStatus(t.db, admin, { campaignId: id, action: 'victory', victoryMessage: { en: 'We won!' } })).toBe('victory');
    const row = await t.db.campaign.findUniqueOrThrow({ where: { id }, include: { translations: true } });
    expect(row.publishedAt).not.toBeNull();
    expect(row.closedAt).not.toBeNull();
    expect(row.translations[0]?.victoryMessage).toBe('We won!');
    const actions = (await t.db.auditLog.findMany({ where: { entityId: String(id) }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['campaign.publish', 'campaign.close', 'campaign.victory', 'campaign.delivery_policy']));
  });

  it('lists campaigns filtered by status and search', async () => {
    const drafts = await listCampaigns(t.db, { status: 'draft' });
    expect(drafts.every((c) => c.status === 'draft')).toBe(true);
    const found = await listCampaigns(t.db, { q: 'BILINGUAL' });
    expect(found.map((c) => c.slug)).toEqual(['bilingual']);
  });
});
