// Without EMAIL_EVENTS_SECRET the bounce/complaint webhook is off: 503 with a message naming the
// variable, whatever the caller sends, and nothing is recorded.
import { startWebTestApp, type WebTestApp } from '@/testing/web-test-app';

let t: WebTestApp;
let route: typeof import('@/app/api/v1/email-events/route');

beforeAll(async () => {
  t = await startWebTestApp('web_email_events_off');
  route = await import('@/app/api/v1/email-events/route');
});

afterAll(async () => {
  await t.close();
});

it('answers 503 naming EMAIL_EVENTS_SECRET and records nothing', async () => {
  for (const authorization of ['Bearer anything', 'Bearer ']) {
    const res = await route.POST(
      new Request('https://petitions.example/api/v1/email-events', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ type: 'complaint', email: 'someone@example.org' }),
      }),
    );
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: 'not_configured', message: expect.stringContaining('EMAIL_EVENTS_SECRET') });
  }
  expect(await t.db.emailSuppression.count()).toBe(0);
});
