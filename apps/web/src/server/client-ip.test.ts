import { clientIpFrom } from './client-ip';

const h = (xff: string) => new Headers({ 'x-forwarded-for': xff });

describe('clientIpFrom', () => {
  it('takes the address appended by the trusted proxy, not what the client wrote further left', () => {
    expect(clientIpFrom(h('6.6.6.6, 203.0.113.5'))).toBe('203.0.113.5');
    expect(clientIpFrom(h('6.6.6.6, 203.0.113.5, 10.0.0.2'), 2)).toBe('203.0.113.5');
  });

  it('falls back to x-real-ip and then to a constant when there is no header', () => {
    expect(clientIpFrom(new Headers({ 'x-real-ip': '198.51.100.1' }))).toBe('198.51.100.1');
    expect(clientIpFrom(new Headers())).toBe('unknown');
  });
});
