import { parseOsdiSignature } from './parse-osdi-signature';

describe('parseOsdiSignature', () => {
  it('maps the OSDI record-signature helper body to a signature input with attribution', () => {
    const r = parseOsdiSignature({
      person: {
        given_name: 'Ana',
        family_name: 'Ruiz',
        email_addresses: [{ address: 'ana@example.org' }],
        postal_addresses: [{ postal_code: '95112', country: 'US' }],
        languages_spoken: ['es'],
      },
      comments: 'Sí',
      referrer_data: { source: 'partner', referrer: 'abcdef12' },
    });
    expect(r).toEqual({
      ok: true,
      input: expect.objectContaining({
        givenName: 'Ana',
        email: 'ana@example.org',
        postalCode: '95112',
        locale: 'es',
        source: 'partner',
        referrerCode: 'abcdef12',
        comment: 'Sí',
      }),
    });
  });

  it('reports missing parts by their OSDI path', () => {
    const r = parseOsdiSignature({ person: { given_name: 'Ana', family_name: 'Ruiz', email_addresses: [{}], postal_addresses: [] } });
    expect(r).toEqual({
      ok: false,
      fields: { 'person.email_addresses[0].address': 'required', 'person.postal_addresses': 'required' },
    });
  });
});
