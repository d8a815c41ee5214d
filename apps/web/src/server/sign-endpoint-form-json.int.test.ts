// The sign form with JavaScript posts to the fast path with `answer=json` (components/sign-form.tsx):
// the same urlencoded form as without JavaScript, answered with JSON instead of 303s, through the
// same signer (validation, honeypot, attribution) — and the OSDI JSON and plain form answers unchanged.
import { createCampaignEvent } from '@undersigned/core';
import { createCampaign, createStaffActor } from '@undersigned/core/testing';
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let endpoint: typeof import('./sign-endpoint');
let slug: string;
let ipSeq = 0;

beforeAll(async () => {
  t = await startWebTestApp('web_form_json');
  endpoint = await import('./sign-endpoint');
  slug = (await createCampaign(t.db)).slug;
});

afterAll(async () => {
  await t.close();
});

function post(fields: Record<string, string>, target = slug) {
  ipSeq += 1;
  return endpoint.handleSignPost({
    slug: target,
    contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    body: new URLSearchParams(fields).toString(),
    ip: `192.0.2.${ipSeq}`,
    locale: null,
  });
}

const valid = (email: string) => ({
  given_name: 'Rosa',
  family_name: 'Hernández',
  email,
  postal_code: '95112',
  comment: 'Protect our neighbors',
  subscribe: 'on',
  source: 'sms',
  ref: 'abcdefgh',
  locale: 'es',
});

describe('the sign form posted with answer=json', () => {
  it('signs and answers 200 with the share code, storing comment, source and ref like the plain form', async () => {
    const answer = await post({ ...valid('form-json@example.com'), answer: 'json' });
    expect(answer.status).toBe(200);
    const code = (answer.body as { referrer_data: { referrer: string } }).referrer_data.referrer;
    const row = await t.db.signature.findFirstOrThrow({ where: { shareCode: code } });
    expect(row).toMatchObject({ comment: 'Protect our neighbors', source: 'sms', referrerCode: 'abcdefgh', status: 'confirmed' });
    expect((answer.body as { share_url: string }).share_url).toContain(`/es/petitions/${slug}?ref=${code}`);
  });

  it('answers bad fields with 400: messages in the form language and the message keys, by HTML field name; nothing stored', async () => {
    const before = await t.db.signature.count();
    const answer = await post({ ...valid('not-an-email'), family_name: '', answer: 'json' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: 'validation',
      message: 'Some fields need attention.',
      fields: { email: 'Escribe un correo válido, como nombre@ejemplo.com.', family_name: expect.any(String) },
      field_keys: { email: 'invalid_email', family_name: 'required' },
    });
    expect(await t.db.signature.count()).toBe(before);
  });

  it('stores a filled honeypot as fraudulent, answered like any signature', async () => {
    const answer = await post({ ...valid('honeypot-json@example.com'), website: 'https://spam.example', answer: 'json' });
    expect(answer.status).toBe(200);
    const code = (answer.body as { referrer_data: { referrer: string } }).referrer_data.referrer;
    await expect(t.db.signature.findFirstOrThrow({ where: { shareCode: code } })).resolves.toMatchObject({ status: 'fraudulent' });
  });

  it('answers a closed petition 409 and an unknown one 404 (where the plain form redirects)', async () => {
    const closed = await createCampaign(t.db, { status: 'closed' });
    await expect(post({ ...valid('closed-json@example.com'), answer: 'json' }, closed.slug)).resolves.toMatchObject({
      status: 409,
      body: { error: 'campaign_not_open' },
    });
    await expect(post({ ...valid('closed-plain@example.com') }, closed.slug)).resolves.toMatchObject({ status: 303 });
    await expect(post({ ...valid('unknown-json@example.com'), answer: 'json' }, 'no-such-petition')).resolves.toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  it('leaves the plain form (no answer=json) answered with 303s as before', async () => {
    const signed = await post(valid('plain-form@example.com'));
    expect(signed.status).toBe(303);
    expect(signed.headers.Location).toMatch(new RegExp(`/es/petitions/${slug}/thanks\\?code=`));
    const invalid = await post({ ...valid('plain-bad') });
    expect(invalid.status).toBe(303);
    expect(invalid.headers.Location).toMatch(/#sign$/);
  });

  it('sends an event link’s code (the form’s `event` field) to the signer as eventCode; the signature is tagged with the event', async () => {
    const organiser = await createStaffActor(t.db, { email: 'organiser-json@org.example', role: 'campaigner' });
    const campaign = await t.db.campaign.findUniqueOrThrow({ where: { slug } });
    const now = Date.now();
    const event = await createCampaignEvent(t.db, organiser, {
      campaignId: campaign.id,
      name: 'Church hall',
      startsAt: new Date(now - 3_600_000),
      endsAt: new Date(now + 3_600_000),
      expectedSize: 100,
    });
    const signer = (await import('./signer')).getSigner();
    const sign = jest.spyOn(signer, 'sign');
    try {
      const answer = await post({ ...valid('event-json@example.com'), event: event.code, answer: 'json' });
      expect(answer.status).toBe(200);
      expect(sign).toHaveBeenCalledWith(slug, expect.objectContaining({ input: expect.objectContaining({ eventCode: event.code }) }));
      const code = (answer.body as { referrer_data: { referrer: string } }).referrer_data.referrer;
      await expect(t.db.signature.findFirstOrThrow({ where: { shareCode: code } })).resolves.toMatchObject({
        status: 'confirmed',
        eventId: event.id,
      });
    } finally {
      sign.mockRestore();
    }
  });
});
