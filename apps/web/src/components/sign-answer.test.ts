import { readSignAnswer, signedPath, signRequestBody } from './sign-answer';

describe('signRequestBody', () => {
  it('sends the form fields the endpoint reads plus answer=json, and leaves out React action inputs and empty values', () => {
    const form = new FormData();
    form.set('$ACTION_ID_abc', '');
    form.set('$ACTION_1:0', '{"id":"x","bound":"$@1"}');
    form.set('given_name', 'Rosa');
    form.set('family_name', 'Hernández');
    form.set('email', 'rosa@example.com');
    form.set('postal_code', '95112');
    form.set('comment', '');
    form.set('subscribe', 'on');
    form.set('website', 'https://spam.example');
    form.set('campaign', 'san-jose');
    form.set('locale', 'es');
    form.set('variant', 'embed');
    form.set('source', 'sms');
    form.set('ref', 'abcdefgh');
    form.set('event', 'Ev3ntC0de_-x');
    const body = signRequestBody(form);
    expect(Object.fromEntries(body)).toEqual({
      given_name: 'Rosa',
      family_name: 'Hernández',
      email: 'rosa@example.com',
      postal_code: '95112',
      subscribe: 'on',
      website: 'https://spam.example',
      locale: 'es',
      source: 'sms',
      ref: 'abcdefgh',
      event: 'Ev3ntC0de_-x',
      answer: 'json',
    });
  });
});

describe('signedPath', () => {
  it('lands where the server action redirects: the thanks page, or the embed signed state, in the page language', () => {
    expect(signedPath('san-jose', 'en', 'page', 'abc123XY')).toBe('/petitions/san-jose/thanks?code=abc123XY');
    expect(signedPath('san-jose', 'es', 'page', 'abc123XY')).toBe('/es/petitions/san-jose/thanks?code=abc123XY');
    expect(signedPath('san-jose', 'en', 'embed', 'abc123XY')).toBe('/embed/petitions/san-jose?signed=abc123XY');
    expect(signedPath('san-jose', 'es', 'embed', 'a&b')).toBe('/es/embed/petitions/san-jose?signed=a%26b');
  });
});

describe('readSignAnswer', () => {
  it('reads the share code of a 200 OSDI signature', () => {
    expect(readSignAnswer(200, { identifiers: ['undersigned_share:abc123XY'], referrer_data: { referrer: 'abc123XY' } })).toEqual({
      ok: true,
      code: 'abc123XY',
    });
  });

  it('never reads a 200 without a share code as signed', () => {
    expect(readSignAnswer(200, {})).toEqual({ ok: false, fields: {}, formError: 'unavailable' });
    expect(readSignAnswer(200, null)).toEqual({ ok: false, fields: {}, formError: 'unavailable' });
  });

  it('maps a 400 validation answer to the form fields and their message keys, dropping unknown fields and keys', () => {
    const body = {
      error: 'validation',
      message: 'Some fields need attention.',
      fields: { email: 'Enter a valid email address', given_name: 'This field is required.' },
      field_keys: { email: 'invalid_email', given_name: 'required', postal_code: 'not_a_key', country: 'required' },
    };
    expect(readSignAnswer(400, body)).toEqual({ ok: false, fields: { email: 'invalid_email', given_name: 'required' }, formError: null });
  });

  it('reads a 400 without usable field keys (an unreadable form) as unavailable, not as an empty error list', () => {
    expect(readSignAnswer(400, { error: 'invalid_body', fields: {} })).toEqual({ ok: false, fields: {}, formError: 'unavailable' });
    expect(readSignAnswer(400, { error: 'validation', fields: { email: 'x' } })).toEqual({ ok: false, fields: {}, formError: 'unavailable' });
  });

  it('maps refusals to the form-level errors: 409 closed, 404 not found, 429 rate limited, the rest unavailable', () => {
    expect(readSignAnswer(409, { error: 'campaign_not_open' })).toEqual({ ok: false, fields: {}, formError: 'closed' });
    expect(readSignAnswer(404, { error: 'not_found' })).toEqual({ ok: false, fields: {}, formError: 'notFound' });
    expect(readSignAnswer(429, { error: 'rate_limited' })).toEqual({ ok: false, fields: {}, formError: 'rateLimited' });
    for (const status of [503, 500, 413, 0]) expect(readSignAnswer(status, null)).toEqual({ ok: false, fields: {}, formError: 'unavailable' });
  });
});
