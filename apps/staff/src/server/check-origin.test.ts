import { isSameOrigin } from './check-origin';

beforeAll(() => {
  Object.assign(process.env, {
    AUTH_SECRET: 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    CONFIRM_TOKEN_SECRET: 'test-confirm-secret-0123456789abcdefghijkl',
    SMTP_URL: 'smtp://127.0.0.1:2525',
    MAIL_FROM: 'Staff <staff@test.example>',
    STAFF_URL: 'https://staff.example.org',
  });
});

const post = (headers: Record<string, string>) => new Request('http://internal:3001/campaigns/1/export', { method: 'POST', headers });

describe('isSameOrigin (CSRF guard for state-changing route handlers)', () => {
  it('accepts the app’s own origin, from the request or from STAFF_URL behind a proxy', () => {
    expect(isSameOrigin(post({ origin: 'http://internal:3001' }))).toBe(true);
    expect(isSameOrigin(post({ origin: 'https://staff.example.org' }))).toBe(true);
  });

  it('refuses other origins, look-alikes and requests with neither Origin nor Referer', () => {
    expect(isSameOrigin(post({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(post({ origin: 'https://staff.example.org.evil.example' }))).toBe(false);
    expect(isSameOrigin(post({}))).toBe(false);
  });

  it('falls back to the Referer’s origin when Origin is absent', () => {
    expect(isSameOrigin(post({ referer: 'https://staff.example.org/campaigns/1/signatures' }))).toBe(true);
    expect(isSameOrigin(post({ referer: 'https://evil.example/x' }))).toBe(false);
    expect(isSameOrigin(post({ referer: 'not a url' }))).toBe(false);
  });
});
