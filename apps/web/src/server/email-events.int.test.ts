// The inbound bounce/complaint webhook (issue 12 part 5), POST /api/v1/email-events, called as
// the route handler on a real Postgres: only the bearer of EMAIL_EVENTS_SECRET is heard; bad
// input is 400 with zod's issues and changes nothing; a permanent bounce suppresses the address
// and counts on its update; a transient one is accepted and ignored; a complaint is counted.
import { suppressionHash } from '@undersigned/core';
import { createCampaign } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

const SECRET = 'email-events-test-secret-0123456789abcdef';
let t: WebTestApp;
let route: typeof import('@/app/api/v1/email-events/route');

beforeAll(async () => {
  t = await startWebTestApp('web_email_events', { EMAIL_EVENTS_SECRET: SECRET });
  route = await import('@/app/api/v1/email-events/route');
});

afterAll(async () => {
  await t.close();
});

function post(body: unknown, authorization: string | null = `Bearer ${SECRET}`) {
  return route.POST(
    new Request('https://petitions.example/api/v1/email-events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

let n = 0;
async function recipientOfAnUpdate() {
  n += 1;
  const campaign = await createCampaign(t.db);
  const email = `events${n}.${process.pid}@example.org`;
  const person = await t.db.person.create({
    data: { canonicalEmail: email, email, givenName: 'Eva', familyName: 'Bounce', emailStatus: 'subscribed', consentedAt: new Date() },
  });
  const update = await t.db.campaignUpdate.create({ data: { campaignId: campaign.id, status: 'sent', subjectEn: 'News', bodyEn: 'Body' } });
  return { person, update, email, messageId: `<update-${update.id}-${person.id}@mail.petitions.example>` };
}

const snapshot = async () => ({
  suppressions: await t.db.emailSuppression.count(),
  people: await t.db.person.findMany({ select: { id: true, emailStatus: true }, orderBy: { id: 'asc' } }),
  updates: await t.db.campaignUpdate.findMany({ select: { id: true, bounceCount: true, complaintCount: true }, orderBy: { id: 'asc' } }),
});

describe('POST /api/v1/email-events', () => {
  it('refuses a missing, wrong or non-bearer credential with 401, recording nothing', async () => {
    const r = await recipientOfAnUpdate();
    const before = await snapshot();
    const event = { type: 'complaint', email: r.email };
    for (const authorization of [null, 'Bearer wrong', `Bearer ${SECRET}x`, `Basic ${Buffer.from(`x:${SECRET}`).toString('base64')}`, SECRET]) {
      const res = await post(event, authorization);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('answers bad JSON and bad shapes with 400 and the issues, recording nothing of the batch', async () => {
    const r = await recipientOfAnUpdate();
    const before = await snapshot();
    const good = { type: 'bounce', email: r.email, bounce_type: 'permanent' };
    const cases: unknown[] = [
      '{not json',
      {},
      [],
      { type: 'bounce', email: r.email },
      { type: 'delivered', email: r.email },
      { ...good, email: 'not-an-address' },
      { ...good, occurred_at: 'yesterday' },
      [good, { type: 'complaint' }], // one bad event: the good one is not recorded either
      Array(101).fill(good),
    ];
    for (const body of cases) {
      const res = await post(body);
      expect(res.status).toBe(400);
      const json = (await res.json()) as { error: string; issues?: { path: string; message: string }[] };
      expect(['invalid_json', 'validation']).toContain(json.error);
      if (json.error === 'validation') expect(json.issues!.length).toBeGreaterThan(0);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('a permanent bounce suppresses the canonical address for every update and counts once on its update', async () => {
    const r = await recipientOfAnUpdate();
    const event = {
      type: 'bounce',
      email: `  ${r.email.toUpperCase()} `,
      bounce_type: 'permanent',
      message_id: r.messageId,
      occurred_at: '2026-11-30T10:00:00Z',
    };
    const res = await post(event);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 1, suppressed: 1, duplicates: 0, ignored: 0 });
    expect(await post(event).then((x) => x.json())).toEqual({ received: 1, suppressed: 0, duplicates: 1, ignored: 0 }); // a provider's retry
    const entries = await t.db.emailSuppression.findMany({ where: { emailHash: suppressionHash(r.email, t.env.CONFIRM_TOKEN_SECRET!) } });
    expect(entries).toMatchObject([{ campaignId: null, reason: 'bounce', source: 'webhook', updateId: r.update.id }]);
    expect((await t.db.person.findUniqueOrThrow({ where: { id: r.person.id } })).emailStatus).toBe('bouncing');
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: r.update.id } })).bounceCount).toBe(1);
  });

  it('a transient bounce is accepted (202) and changes nothing', async () => {
    const r = await recipientOfAnUpdate();
    const before = await snapshot();
    const res = await post({ type: 'bounce', email: r.email, bounce_type: 'transient', message_id: r.messageId });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ received: 1, suppressed: 0, duplicates: 0, ignored: 1 });
    expect(await snapshot()).toEqual(before);
  });

  it('a complaint suppresses the address and is counted on the update; batches of events are taken', async () => {
    const a = await recipientOfAnUpdate();
    const b = await recipientOfAnUpdate();
    const res = await post([
      { type: 'complaint', email: a.email, message_id: a.messageId },
      { type: 'bounce', email: b.email, bounce_type: 'transient' },
      { type: 'bounce', email: b.email, bounce_type: 'permanent', message_id: '<some-other-id@elsewhere.example>' },
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 3, suppressed: 2, duplicates: 0, ignored: 1 });
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: a.update.id } })).complaintCount).toBe(1);
    expect((await t.db.campaignUpdate.findUniqueOrThrow({ where: { id: b.update.id } })).bounceCount).toBe(0); // not attributable
    expect((await t.db.person.findUniqueOrThrow({ where: { id: a.person.id } })).emailStatus).toBe('unsubscribed');
    expect((await t.db.person.findUniqueOrThrow({ where: { id: b.person.id } })).emailStatus).toBe('bouncing');
  });
});
