// Unsubscribe links and bounce/complaint notifications (issue 12 parts 4 and 5), the core verbs
// the public app calls: what the page reads, what a click changes, what a webhook changes.
import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '../testing/fixtures';
import { emailEventsInputSchema, parseUpdateMessageId } from './email-event-input';
import { getUnsubscribeState } from './get-unsubscribe-state';
import { recordEmailEvents } from './record-email-events';
import { suppressionHash } from './suppression-hash';
import { unsubscribeByToken } from './unsubscribe-by-token';

const t = useTestDatabase('public_suppression');
const SECRET = 'public-suppression-secret-0123456789abcdef';

let n = 0;
async function subscriber(email = `person${++n}@example.org`, canonicalEmail = email) {
  return t.db.person.create({
    data: { canonicalEmail, email, givenName: 'Ana', familyName: 'Ruiz', emailStatus: 'subscribed', consentedAt: new Date() },
  });
}

async function sentUpdate(campaignId: number) {
  return t.db.campaignUpdate.create({ data: { campaignId, status: 'sent', subjectEn: 'News', bodyEn: 'We won.' } });
}

const entries = (email: string) => t.db.emailSuppression.findMany({ where: { emailHash: suppressionHash(email, SECRET) }, orderBy: { id: 'asc' } });

describe('unsubscribing through a token', () => {
  it('reads the state without changing it, then unsubscribes from one campaign only', async () => {
    const c = await createCampaign(t.db, { title: 'Protect neighbors', titleEs: 'Proteger vecinos' });
    const person = await subscriber();
    const update = await sentUpdate(c.id);
    const subject = { personId: person.id, campaignId: c.id, updateId: update.id };
    const before = await getUnsubscribeState(t.db, subject, 'es', SECRET);
    expect(before).toEqual({
      campaignTitle: 'Proteger vecinos',
      campaignSlug: c.slug,
      personExists: true,
      unsubscribedFromCampaign: false,
      unsubscribedFromAll: false,
    });
    expect(await entries(person.canonicalEmail)).toEqual([]);
    expect(await unsubscribeByToken(t.db, { subject, scope: 'campaign', source: 'one-click' }, SECRET)).toEqual({ result: 'unsubscribed' });
    expect(await entries(person.canonicalEmail)).toMatchObject([
      { campaignId: c.id, reason: 'unsubscribe', source: 'one-click', updateId: update.id },
    ]);
    expect((await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).emailStatus).toBe('subscribed');
    expect(await getUnsubscribeState(t.db, subject, 'en', SECRET)).toMatchObject({ unsubscribedFromCampaign: true, unsubscribedFromAll: false });
    // Again: idempotent, still one entry.
    await unsubscribeByToken(t.db, { subject, scope: 'campaign', source: 'unsubscribe-page' }, SECRET);
    expect(await entries(person.canonicalEmail)).toHaveLength(1);
  });

  it('"all updates" unsubscribes the person everywhere', async () => {
    const c = await createCampaign(t.db);
    const person = await subscriber();
    const subject = { personId: person.id, campaignId: c.id, updateId: (await sentUpdate(c.id)).id };
    await unsubscribeByToken(t.db, { subject, scope: 'all', source: 'unsubscribe-page' }, SECRET);
    expect(await entries(person.canonicalEmail)).toMatchObject([{ campaignId: null, reason: 'unsubscribe', source: 'unsubscribe-page' }]);
    expect((await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).emailStatus).toBe('unsubscribed');
    expect(await getUnsubscribeState(t.db, subject, 'en', SECRET)).toMatchObject({ unsubscribedFromCampaign: true, unsubscribedFromAll: true });
  });

  it('an erased person has nothing to unsubscribe; a deleted update is not named', async () => {
    const c = await createCampaign(t.db);
    const gone = { personId: 2_000_000_000, campaignId: c.id, updateId: '00000000-0000-4000-8000-000000000000' };
    expect(await unsubscribeByToken(t.db, { subject: gone, scope: 'all', source: 'one-click' }, SECRET)).toEqual({ result: 'nothing' });
    expect(await getUnsubscribeState(t.db, gone, 'en', SECRET)).toMatchObject({ personExists: false, campaignTitle: 'Test petition' });
    const person = await subscriber();
    const subject = { personId: person.id, campaignId: c.id, updateId: '00000000-0000-4000-8000-000000000001' };
    await unsubscribeByToken(t.db, { subject, scope: 'campaign', source: 'one-click' }, SECRET);
    expect(await entries(person.canonicalEmail)).toMatchObject([{ campaignId: c.id, updateId: null }]);
  });
});

describe('bounce and complaint notifications', () => {
  it('parses single events and arrays of up to 100, refusing what is not an event', () => {
    const one = { type: 'bounce', email: 'a@example.org', bounce_type: 'permanent' };
    expect(emailEventsInputSchema.parse(one)).toHaveLength(1);
    expect(emailEventsInputSchema.parse(Array(100).fill(one))).toHaveLength(100);
    for (const bad of [
      [],
      Array(101).fill(one),
      { type: 'bounce', email: 'a@example.org' },
      { type: 'open', email: 'a@example.org' },
      { ...one, email: 'nope' },
    ]) {
      expect(emailEventsInputSchema.safeParse(bad).success).toBe(false);
    }
    expect(parseUpdateMessageId('<update-0b8e1c9a-1b2c-4d3e-8f90-123456789abc-42@mail.example.org>')).toEqual({
      updateId: '0b8e1c9a-1b2c-4d3e-8f90-123456789abc',
      personId: 42,
    });
    expect(parseUpdateMessageId('<delivery-123@mail.example.org>')).toBeNull();
  });

  it('a permanent bounce suppresses the canonical address and counts on its update; a repeat counts once', async () => {
    const c = await createCampaign(t.db);
    const person = await subscriber('Bouncy.Person@gmail.com', 'bouncyperson@gmail.com');
    const update = await sentUpdate(c.id);
    const event = emailEventsInputSchema.parse({
      type: 'bounce',
      email: '  Bouncy.Person+news@GMAIL.com ',
      bounce_type: 'permanent',
      message_id: `<update-${update.id}-${person.id}@mail.example.org>`,
      occurred_at: '2026-11-30T10:00:00Z',
    });
    expect(await recordEmailEvents(t.db, event, SECRET)).toEqual({ suppressed: 1, duplicates: 0, ignored: 0 });
    expect(await recordEmailEvents(t.db, event, SECRET)).toEqual({ suppressed: 0, duplicates: 1, ignored: 0 });
    expect(await entries('bouncyperson@gmail.com')).toMatchObject([{ campaignId: null, reason: 'bounce', source: 'webhook', updateId: update.id }]);
    expect((await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).emailStatus).toBe('bouncing');
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: update.id } })).bounceCount).toBe(1);
  });

  it('a complaint is counted on its update; a transient bounce changes nothing; an unknown update is not named', async () => {
    const c = await createCampaign(t.db);
    const person = await subscriber();
    const update = await sentUpdate(c.id);
    const events = emailEventsInputSchema.parse([
      { type: 'bounce', email: person.email, bounce_type: 'transient', message_id: `<update-${update.id}-${person.id}@x.org>` },
      { type: 'complaint', email: person.email, message_id: `<update-${update.id}-${person.id}@x.org>` },
      { type: 'complaint', email: 'stranger@example.org', message_id: '<update-00000000-0000-4000-8000-000000000000-1@x.org>' },
    ]);
    expect(await recordEmailEvents(t.db, events, SECRET)).toEqual({ suppressed: 2, duplicates: 0, ignored: 1 });
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: update.id } })).complaintCount).toBe(1);
    expect(await entries(person.canonicalEmail)).toMatchObject([{ reason: 'complaint', updateId: update.id }]);
    expect(await entries('stranger@example.org')).toMatchObject([{ reason: 'complaint', updateId: null }]);
    expect((await t.db.person.findUniqueOrThrow({ where: { id: person.id } })).emailStatus).toBe('unsubscribed');
  });
});
