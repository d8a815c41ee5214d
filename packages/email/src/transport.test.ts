import { classifySmtpError, domainOf, smtpConnectionOptions } from './transport';

describe('smtpConnectionOptions', () => {
  it('reads host, port, TLS mode and credentials from the URL', () => {
    expect(smtpConnectionOptions('smtp://127.0.0.1:1025')).toEqual({ host: '127.0.0.1', port: 1025, secure: false });
    expect(smtpConnectionOptions('smtps://user%40org:p%3Ass@mail.example')).toEqual({
      host: 'mail.example',
      port: 465,
      secure: true,
      auth: { user: 'user@org', pass: 'p:ss' },
    });
    expect(smtpConnectionOptions('smtp://mail.example').port).toBe(587);
  });
});

describe('helpers', () => {
  it('takes the Message-ID domain from the sender address', () => {
    expect(domainOf('Undersigned <deliveries@undersigned.example>')).toBe('undersigned.example');
    expect(domainOf('plain@org.example')).toBe('org.example');
  });
  it('treats unknown errors as temporary', () => {
    expect(classifySmtpError(new Error('socket hang up'))).toBe('temporary');
    expect(classifySmtpError({ responseCode: 554 })).toBe('permanent');
    expect(classifySmtpError({ responseCode: 421 })).toBe('temporary');
  });
});
