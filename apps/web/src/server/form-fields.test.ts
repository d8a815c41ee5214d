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

describe('formFieldErrors', () => {
  it('maps core field paths to the HTML field names and drops unknown paths', () => {
    expect(formFieldErrors({ givenName: 'required', email: 'invalid_email', country: 'invalid_value' })).toEqual({
      given_name: 'required',
      email: 'invalid_email',
    });
  });
});
