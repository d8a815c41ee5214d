// The public side of outcomes (issue 12 part 1): the targets' responses and the campaign's short
// timeline, as the campaign page and the OSDI petition show them.
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '../testing/fixtures';
import { toOsdiPetition } from '../osdi/to-osdi-petition';
import { getPublishedCampaign } from './get-published-campaign';
import { getCampaignTimeline } from './get-campaign-timeline';
import { listPublicResponses } from './list-public-responses';

const t = useTestDatabase('public_outcomes');

async function targetOf(campaignId: number, position = 0) {
  return t.db.campaignTarget.findFirstOrThrow({ where: { campaignId, position } });
}

async function respond(
  campaignId: number,
  data: { day: string; stance?: 'supports' | 'opposes' | 'no_commitment'; en?: string; es?: string; url?: string },
) {
  const { targetId } = await targetOf(campaignId);
  return t.db.targetResponse.create({
    data: {
      campaignId,
      targetId,
      respondedOn: new Date(`${data.day}T00:00:00Z`),
      stance: data.stance ?? 'no_commitment',
      textEn: data.en ?? null,
      textEs: data.es ?? null,
      url: data.url ?? null,
    },
  });
}

let seq = 0;
async function delivered(campaignId: number, sentAt: Date, signatureCount: number, status: 'sent' | 'pending' | 'failed' = 'sent') {
  const { targetId } = await targetOf(campaignId);
  seq += 1;
  return t.db.delivery.create({
    data: {
      campaignId,
      targetId,
      trigger: 'manual',
      fromSeq: BigInt(seq * 1000),
      toSeq: BigInt(seq * 1000 + signatureCount),
      signatureCount,
      totalCount: signatureCount,
      status,
      sentAt: status === 'sent' ? sentAt : null,
      createdAt: sentAt,
    },
  });
}

describe('listPublicResponses', () => {
  it('gives each response in the page language, newest first, with the stance, the target and only web links', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo' }] });
    await respond(c.id, { day: '2026-11-02', stance: 'opposes', en: 'We will not.', es: 'No lo haremos.', url: 'javascript:alert(1)' });
    await respond(c.id, { day: '2026-11-20', stance: 'supports', en: 'We will **act**.', url: 'https://city.example/statement' });
    const en = await listPublicResponses(t.db, c.id, 'en');
    expect(en.map((r) => [r.respondedOn, r.stance, r.text, r.textLocale, r.url, r.target.displayName])).toEqual([
      ['2026-11-20', 'supports', 'We will **act**.', 'en', 'https://city.example/statement', 'Mayor Sam Liccardo'],
      ['2026-11-02', 'opposes', 'We will not.', 'en', null, 'Mayor Sam Liccardo'],
    ]);
    const es = await listPublicResponses(t.db, c.id, 'es');
    // Spanish where written; the English text (marked as such) where not.
    expect(es.map((r) => [r.text, r.textLocale])).toEqual([
      ['We will **act**.', 'en'],
      ['No lo haremos.', 'es'],
    ]);
    expect(es[0]!.texts).toEqual({ en: 'We will **act**.', es: null });
  });

  it('shows nothing of a draft campaign, and takes several campaigns in one call', async () => {
    const draft = await createCampaign(t.db, { status: 'draft' });
    await respond(draft.id, { day: '2026-11-01', en: 'Secret draft response' });
    expect(await listPublicResponses(t.db, draft.id)).toEqual([]);
    const a = await createCampaign(t.db);
    const b = await createCampaign(t.db);
    await respond(a.id, { day: '2026-11-01', en: 'A' });
    await respond(b.id, { day: '2026-11-03', es: 'B' });
    const both = await listPublicResponses(t.db, [a.id, b.id, draft.id]);
    expect(both.map((r) => [r.campaignId, r.text])).toEqual([
      [b.id, 'B'],
      [a.id, 'A'],
    ]);
  });

  it('reaches the OSDI petition resource with both languages', async () => {
    const c = await createCampaign(t.db);
    await respond(c.id, { day: '2026-11-20', stance: 'supports', en: 'Yes.', es: 'Sí.', url: 'https://city.example/r' });
    const campaign = (await getPublishedCampaign(t.db, c.slug))!;
    const osdi = toOsdiPetition({ ...campaign, responses: await listPublicResponses(t.db, c.id) }, 'https://petitions.example');
    expect(osdi.responses).toEqual([
      {
        identifiers: [expect.stringMatching(/^undersigned_response:\d+$/)],
        target: { title: 'Mayor', given_name: 'Pat', family_name: 'Official', organization: null },
        responded_date: '2026-11-20',
        stance: 'supports',
        text: { en: 'Yes.', es: 'Sí.' },
        url: 'https://city.example/r',
      },
    ]);
    expect(toOsdiPetition(campaign, 'https://petitions.example').responses).toEqual([]);
  });
});

describe('getCampaignTimeline', () => {
  it('tells the story in order: published, sent deliveries with their counts, responses, the victory', async () => {
    const c = await createCampaign(t.db, { status: 'victory' });
    await t.db.campaign.update({
      where: { id: c.id },
      data: { publishedAt: new Date('2026-10-01T17:00:00Z'), closedAt: new Date('2026-12-01T17:00:00Z') },
    });
    const first = await delivered(c.id, new Date('2026-10-15T16:00:00Z'), 100);
    await delivered(c.id, new Date('2026-10-20T16:00:00Z'), 50, 'failed');
    const second = await delivered(c.id, new Date('2026-11-20T16:00:00Z'), 900);
    const response = await respond(c.id, { day: '2026-11-20', stance: 'supports', en: 'Yes.' });
    const timeline = (await getCampaignTimeline(t.db, c.id))!;
    expect(timeline.events.map((e) => e.kind)).toEqual(['published', 'delivery', 'delivery', 'response', 'victory']);
    expect(timeline.events[1]).toMatchObject({ deliveryId: first.id, signatureCount: 100, target: 'Mayor Pat Official' });
    expect(timeline.events[2]).toMatchObject({ deliveryId: second.id, signatureCount: 900 });
    expect(timeline.events[3]).toMatchObject({ responseId: response.id, stance: 'supports', at: new Date('2026-11-20T00:00:00Z') });
    expect(timeline.earlierDeliveries).toEqual({ count: 0, signatures: 0 });
    expect(timeline.awaiting).toEqual([]); // won: nobody is waited for any more
    expect(timeline.timeZone).toBe('America/Los_Angeles');
  });

  it('keeps a digest campaign short: the latest deliveries, older ones summed in one line', async () => {
    const c = await createCampaign(t.db);
    for (let day = 1; day <= 10; day++) await delivered(c.id, new Date(`2026-10-${String(day).padStart(2, '0')}T16:00:00Z`), day);
    const timeline = (await getCampaignTimeline(t.db, c.id, { maxDeliveries: 3 }))!;
    const shown = timeline.events.filter((e) => e.kind === 'delivery');
    expect(shown.map((e) => (e.kind === 'delivery' ? e.signatureCount : 0))).toEqual([8, 9, 10]);
    expect(timeline.earlierDeliveries).toEqual({ count: 7, signatures: 1 + 2 + 3 + 4 + 5 + 6 + 7 });
  });

  it('says who has been delivered to and not answered yet, while the campaign is open', async () => {
    const c = await createCampaign(t.db, {
      targets: [
        { title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo' },
        { title: 'Council', organization: 'San José City Council' },
      ],
    });
    expect((await getCampaignTimeline(t.db, c.id))!.awaiting).toEqual([]); // nothing delivered yet
    await delivered(c.id, new Date('2026-10-15T16:00:00Z'), 100);
    expect((await getCampaignTimeline(t.db, c.id))!.awaiting).toEqual(['Mayor Sam Liccardo']);
    await respond(c.id, { day: '2026-10-20', en: 'We are reviewing it.' });
    expect((await getCampaignTimeline(t.db, c.id))!.awaiting).toEqual([]);
  });

  it('has nothing for a draft or unknown campaign', async () => {
    const draft = await createCampaign(t.db, { status: 'draft' });
    expect(await getCampaignTimeline(t.db, draft.id)).toBeNull();
    expect(await getCampaignTimeline(t.db, 999_999)).toBeNull();
  });
});
