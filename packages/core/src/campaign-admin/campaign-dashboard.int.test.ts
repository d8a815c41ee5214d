import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { assignSignatureSequence } from '../deliveries/assign-signature-sequence';
import { erasePerson } from '../people/erase-person';
import { moderateSignatures } from '../people/moderate-signatures';
import { signPetition } from '../signatures/sign-petition';
import { createCampaign, createStaffActor, seedSignatures, signer } from '../testing/fixtures';
import { getCampaignDashboard } from './get-campaign-dashboard';

const t = useTestDatabase('dashboard');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'dash@org.example', role: 'campaigner' });
});

/** The dashboard's figures computed the slow way: a full scan of the campaign's rows. */
async function scanned(campaignId: number) {
  const [p] = await t.db.$queryRaw<{ total: bigint; today: bigint; week: bigint; constituents: bigint }[]>`
    SELECT count(*)::bigint AS total,
      count(*) FILTER (WHERE confirmed_at >= date_trunc('day', now()))::bigint AS today,
      count(*) FILTER (WHERE confirmed_at >= date_trunc('day', now()) - interval '6 days')::bigint AS week,
      count(*) FILTER (WHERE postal_code = '95112')::bigint AS constituents
    FROM signature WHERE campaign_id = ${campaignId} AND status = 'confirmed'`;
  const sources = await t.db.$queryRaw<{ label: string; n: bigint }[]>`
    SELECT coalesce(source, '(direct)') AS label, count(*)::bigint AS n FROM signature
    WHERE campaign_id = ${campaignId} AND status = 'confirmed' GROUP BY 1 ORDER BY n DESC, label LIMIT 8`;
  const referrers = await t.db.$queryRaw<{ label: string; n: bigint }[]>`
    SELECT referrer_code AS label, count(*)::bigint AS n FROM signature
    WHERE campaign_id = ${campaignId} AND status = 'confirmed' AND referrer_code IS NOT NULL GROUP BY 1 ORDER BY n DESC, label LIMIT 8`;
  return {
    total: Number(p!.total),
    today: Number(p!.today),
    week: Number(p!.week),
    constituents: Number(p!.constituents),
    sources: sources.map((r) => ({ label: r.label, count: Number(r.n) })),
    referrers: referrers.map((r) => ({ label: r.label, count: Number(r.n) })),
  };
}

async function expectDashboardToMatchScan(campaignId: number) {
  const d = await getCampaignDashboard(t.db, campaignId, { timeZone: 'UTC' });
  const s = await scanned(campaignId);
  expect({
    total: d.byStatus.confirmed,
    today: d.today,
    week: d.last7Days,
    constituents: d.constituents,
    sources: d.topSources,
    referrers: d.topReferrers,
  }).toEqual(s);
  // Every row here was confirmed just now, so the 30-day series holds them all.
  expect(d.series.reduce((sum, b) => sum + b.count, 0)).toBe(s.total);
  return d;
}

describe('campaign dashboard from the rollup', () => {
  it('agrees with a full scan through folds, unsequenced rows, moderation and erasure', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Council', email: 'c@city.example', postalCodes: ['95112'] }] });
    await seedSignatures(t.db, c.id, { count: 300, postalCode: ['95112', '95110', '10001'] });
    const bad = 'ef'.repeat(32);
    for (let i = 0; i < 4; i++) await signPetition(t.db, c.slug, signer({ source: 'twitter', referrerCode: 'abcdef12' }), { ipHash: bad });
    // Nothing sequenced yet: all from the live tail.
    await expectDashboardToMatchScan(c.id);
    // Sequenced, then folded by the dashboard's read.
    await assignSignatureSequence(t.db, { campaignId: c.id });
    let d = await expectDashboardToMatchScan(c.id);
    expect(d.byStatus.confirmed).toBe(304);
    const [state] = await t.db.$queryRaw<{ to_seq: bigint }[]>`SELECT to_seq FROM campaign_rollup_state WHERE campaign_id = ${c.id}`;
    expect(state!.to_seq).toBeGreaterThan(0n);
    // New rows after the fold (tail again), then moderation of folded rows subtracts them.
    for (let i = 0; i < 3; i++) await signPetition(t.db, c.slug, signer({ source: 'email' }));
    await moderateSignatures(t.db, actor, { selection: { campaignId: c.id, ipHash: bad }, status: 'fraudulent' });
    d = await expectDashboardToMatchScan(c.id);
    expect(d.byStatus).toMatchObject({ confirmed: 303, fraudulent: 4 });
    expect(d.topSources.find((s) => s.label === 'twitter')).toBeUndefined();
    // Erasure of a folded signer.
    await assignSignatureSequence(t.db, { campaignId: c.id });
    await getCampaignDashboard(t.db, c.id);
    const one = await t.db.signature.findFirstOrThrow({ where: { campaignId: c.id, source: 'email' } });
    await erasePerson(t.db, actor, { personId: one.personId });
    d = await expectDashboardToMatchScan(c.id);
    expect(d.byStatus.confirmed).toBe(302);
    expect(d.total).toBe(302);
  });
});
