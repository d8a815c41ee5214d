import { formFieldErrors, readSignForm } from './form-fields';

describe('readSignForm', () => {
  it('reads the HTML field names into a signature input with attribution, consent unchecked by default', () => {
    const form = new URLSearchParams({
      given_name: 'Ana',
      family_name: 'Ruiz',
      email: 'ana@example.org',
      postal_code: '95112',
      comment: 'Hola',
      source: 'sms',
      ref: 'abcdefgh',
      event: 'Ev3ntC0de_-x',
      website: '',
    });
    const { input, values, honeypot } = readSignForm(form, 'es');
    expect(input).toEqual({
      givenName: 'Ana',
      familyName: 'Ruiz',
      email: 'ana@example.org',
      postalCode: '95112',
      comment: 'Hola',
      subscribe: false,
      locale: 'es',
      source: 'sms',
      referrerCode: 'abcdefgh',
      eventCode: 'Ev3ntC0de_-x',
    });
    expect(values.subscribe).toBe(false);
    expect(honeypot).toBe('');
    expect(readSignForm(new URLSearchParams({ subscribe: 'on' }), 'en').input.subscribe).toBe(true);
  });

  it('caps oversized fields before validation and reports a filled honeypot', () => {
    const { values, honeypot } = readSignForm(new URLSearchParams({ given_name: 'x'.repeat(10_000), website: 'spam' }), 'en');
    expect(values.given_name.length).toBe(300);
    expect(honeypot).toBe('spam');
  });
});

describe('attribution from the Referer (cached pages, no JavaScript)', () => {
  const hosts = ['act.example.org'];
  const form = () => new URLSearchParams({ given_name: 'Ana', source: '', ref: '', event: '' });

  it('fills empty source, ref and event from the query of the petition page the form was posted from', () => {
    const { input } = readSignForm(form(), 'en', {
      url: 'https://act.example.org/es/petitions/san-jose?ref=abcdefgh&source=sms&event=Ev3ntC0de_-x',
      hosts,
    });
    expect(input).toMatchObject({ source: 'sms', referrerCode: 'abcdefgh', eventCode: 'Ev3ntC0de_-x' });
  });

  it('lets the hidden fields win over the Referer', () => {
    const posted = new URLSearchParams({ source: 'flyer', ref: 'zzzzzzzz', event: 'hiddenEvent1' });
    const { input } = readSignForm(posted, 'en', { url: 'https://act.example.org/petitions/x?ref=abcdefgh&source=sms&event=Ev3ntC0de_-x', hosts });
    expect(input).toMatchObject({ source: 'flyer', referrerCode: 'zzzzzzzz', eventCode: 'hiddenEvent1' });
  });

  it('ignores other sites, other pages of this site, and malformed values', () => {
    for (const url of [
      'https://evil.example/petitions/x?ref=abcdefgh&source=sms',
      'https://act.example.org/somewhere?ref=abcdefgh&source=sms',
      'https://act.example.org/petitions/x?ref=no&source=%3Cscript%3E&event=short',
      'not a url',
      null,
    ]) {
      const { input } = readSignForm(form(), 'en', { url, hosts });
      expect(input.source).toBeUndefined();
      expect(input.referrerCode).toBeUndefined();
      expect(input.eventCode).toBeUndefined();
    }
  });
});

describe('formFieldErrors', () => {
  it('maps core field paths to the HTML field names and drops unknown paths', () => {
    expect(formFieldErrors({ givenName: 'required', email: 'invalid_email', country: 'invalid_value' })).toEqual({
      given_name: 'required',
      email: 'invalid_email',
    });
  });
});
