import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign, signer } from '../testing/fixtures';
import { signPetition } from '../signatures/sign-petition';
import { listRecentSigners } from './list-recent-signers';
import { listPublishedCampaigns } from './list-published-campaigns';

const t = useTestDatabase('recent_signers');

describe('listRecentSigners', () => {
  it('shows only first name, last initial and city — never email, surname, ZIP or comment', async () => {
    const c = await createCampaign(t.db);
    await signPetition(
      t.db,
      c.slug,
      signer({ givenName: 'María José', familyName: 'García López', email: 'mj@example.org', postalCode: '95112', comment: 'private words' }),
    );
    const signers = await listRecentSigners(t.db, c.id);
    expect(signers).toEqual([{ name: 'María G.', city: 'San Jose', signedAt: expect.any(Date) }]);
    const text = JSON.stringify(signers);
    for (const secret of ['mj@example.org', 'García López', '95112', 'private words']) expect(text).not.toContain(secret);
  });

  it('lists nobody when the campaign hides recent signers, and never uncounted signatures', async () => {
    const hidden = await createCampaign(t.db);
    await t.db.campaign.update({ where: { id: hidden.id }, data: { showRecentSigners: false } });
    await signPetition(t.db, hidden.slug, signer());
    expect(await listRecentSigners(t.db, hidden.id)).toEqual([]);
    const c = await createCampaign(t.db);
    await signPetition(t.db, c.slug, signer({ givenName: 'Bot' }), { suspicious: true });
    expect(await listRecentSigners(t.db, c.id)).toEqual([]);
  });
});

describe('listPublishedCampaigns', () => {
  it('lists published campaigns most active first with live counts, and never drafts', async () => {
    const quiet = await createCampaign(t.db, { title: 'Quiet' });
    const busy = await createCampaign(t.db, { title: 'Busy' });
    const draft = await createCampaign(t.db, { status: 'draft', title: 'Draft' });
    for (let i = 0; i < 3; i++) await signPetition(t.db, busy.slug, signer());
    await signPetition(t.db, quiet.slug, signer());
    const { items } = await listPublishedCampaigns(t.db, { order: 'active' });
    const slugs = items.map((i) => i.slug);
    expect(slugs.indexOf(busy.slug)).toBeLessThan(slugs.indexOf(quiet.slug));
    expect(slugs).not.toContain(draft.slug);
    expect(items.find((i) => i.slug === busy.slug)).toMatchObject({ count: 3, title: 'Busy' });
  });
});
