import { EMAIL_REDACTED, maskEmails, maskEmailsDeep, REDACTED, showIdsOnly } from './redact';

describe('showIdsOnly (the Bull Board formatter for job data, return values and progress)', () => {
  it('keeps our payloads as they are: ids only', () => {
    expect(showIdsOnly({ deliveryId: '7b0d9a1c-3f4e-4b5a-9c8d-1e2f3a4b5c6d' })).toEqual({ deliveryId: '7b0d9a1c-3f4e-4b5a-9c8d-1e2f3a4b5c6d' });
    expect(showIdsOnly({ signatureId: '42' })).toEqual({ signatureId: '42' });
    expect(showIdsOnly({})).toEqual({});
  });

  it('keeps counts, flags and status words in return values, nested too', () => {
    const result = {
      outcome: 'planned',
      pending: 3,
      enqueued: 1,
      created: [{ deliveryId: 'abc-1', targetId: 7, trigger: 'milestone', milestone: 100 }],
      done: true,
    };
    expect(showIdsOnly(result)).toEqual(result);
  });

  it('redacts every string that is not an id under an id-like key: emails, names, free text', () => {
    expect(showIdsOnly({ signatureId: '1', email: 'ana.lopez@example.org', givenName: 'Ana', note: 'call Ana back' })).toEqual({
      signatureId: '1',
      email: REDACTED,
      givenName: REDACTED,
      note: REDACTED,
    });
    // An id-like key does not let an email (or text with spaces) through.
    expect(showIdsOnly({ personId: 'ana@example.org', deliveryId: 'not an id' })).toEqual({ personId: REDACTED, deliveryId: REDACTED });
    expect(showIdsOnly({ outcome: 'ana@example.org' })).toEqual({ outcome: REDACTED });
    expect(showIdsOnly({ recipients: ['ana@example.org', 'bo@example.org'] })).toEqual({ recipients: [REDACTED, REDACTED] });
  });

  it('redacts a bare string and keeps numbers, booleans and null', () => {
    expect(showIdsOnly('ana@example.org')).toBe(REDACTED);
    expect(showIdsOnly(50)).toBe(50);
    expect(showIdsOnly(true)).toBe(true);
    expect(showIdsOnly(null)).toBeNull();
    expect(showIdsOnly(undefined)).toBeUndefined();
  });

  it('stops at a bounded depth', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { id: '1' } } } } } } } };
    expect(JSON.stringify(showIdsOnly(deep))).toContain(REDACTED);
  });
});

describe('maskEmails (every string the board API answers)', () => {
  it('masks email addresses inside SMTP errors and stack traces', () => {
    expect(maskEmails('550 5.1.1 <ana.lopez+petition@mail.example.org>: Recipient address rejected')).toBe(
      `550 5.1.1 <${EMAIL_REDACTED}>: Recipient address rejected`,
    );
    expect(maskEmails('RCPT TO:ANA@EXAMPLE.ORG failed; also bo_o@x.co.uk')).toBe(`RCPT TO:${EMAIL_REDACTED} failed; also ${EMAIL_REDACTED}`);
  });

  it('leaves text without addresses alone', () => {
    expect(maskEmails('Error: connect ECONNREFUSED 127.0.0.1:1025')).toBe('Error: connect ECONNREFUSED 127.0.0.1:1025');
    expect(maskEmails('at sendDelivery (/app/apps/worker/src/processors/deliveries/send-delivery.ts:12:3)')).toBe(
      'at sendDelivery (/app/apps/worker/src/processors/deliveries/send-delivery.ts:12:3)',
    );
  });

  it('masks deep inside JSON, keys included', () => {
    const body = { job: { failedReason: 'to ana@example.org', stacktrace: ['Error: bo@example.org'], data: { 'x@y.org': 1 } }, n: 3 };
    const masked = JSON.stringify(maskEmailsDeep(body));
    expect(masked).not.toMatch(/@example\.org|x@y\.org/);
    expect(masked).toContain(EMAIL_REDACTED);
    expect(maskEmailsDeep(body)).toMatchObject({ n: 3 });
  });
});
