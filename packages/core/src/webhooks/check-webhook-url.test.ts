import { checkWebhookUrl, refusedAddressReason } from './check-webhook-url';

const resolvesTo =
  (...addresses: string[]) =>
  async (): Promise<string[]> =>
    addresses;

describe('refusedAddressReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'NAT64'],
    ['2002:a00:1::1', '6to4'],
  ])('refuses %s (%s)', (address, words) => {
    expect(refusedAddressReason(address)).toContain(words);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('accepts the public address %s', (address) => {
    expect(refusedAddressReason(address)).toBeNull();
  });
});

describe('checkWebhookUrl', () => {
  it('accepts an https URL whose every address is public', async () => {
    const r = await checkWebhookUrl('https://crm.example.org/hooks/undersigned?x=1', { lookup: resolvesTo('93.184.215.14', '2606:4700::1111') });
    expect(r).toEqual({ ok: true, url: new URL('https://crm.example.org/hooks/undersigned?x=1') });
  });

  it.each([
    ['not a url', 'not a valid URL'],
    ['ftp://example.org/x', 'https:// or http://'],
    ['file:///etc/passwd', 'https:// or http://'],
    ['javascript:alert(1)', 'https:// or http://'],
    ['https://user:pw@example.org/', 'user name or password'],
  ])('refuses %s before any lookup', async (url, words) => {
    const lookup = jest.fn(resolvesTo('93.184.215.14'));
    const r = await checkWebhookUrl(url, { lookup });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(words);
    expect(lookup).not.toHaveBeenCalled();
  });

  it.each([
    ['http://localhost:3000/x', 'loopback name'],
    ['http://LOCALHOST./x', 'loopback name'],
    ['http://api.localhost/x', 'loopback name'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'metadata service'],
    ['http://127.0.0.1/', '127.0.0.1 is a loopback address'],
    ['http://[::1]:8080/', '::1 is a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[fd00:ec2::254]/', 'metadata'],
    ['http://10.0.0.5/', 'private'],
    ['http://192.168.0.10/', 'private'],
    ['http://0x7f000001/', 'loopback'],
    ['http://2130706433/', 'loopback'],
  ])('refuses %s', async (url, words) => {
    const r = await checkWebhookUrl(url, { lookup: resolvesTo('93.184.215.14') });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(words);
  });

  it('refuses a name when any of its addresses is private (one public address is not enough)', async () => {
    const r = await checkWebhookUrl('https://rebind.example.org/', { lookup: resolvesTo('93.184.215.14', '10.0.0.7') });
    expect(r).toEqual({ ok: false, reason: 'rebind.example.org resolves to 10.0.0.7, a private address.' });
  });

  it('refuses a name that does not resolve, naming the DNS error', async () => {
    const lookup = async (): Promise<string[]> => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    const r = await checkWebhookUrl('https://nowhere.invalid/', { lookup });
    expect(r).toEqual({ ok: false, reason: 'nowhere.invalid does not resolve (ENOTFOUND).' });
  });

  it('with allowPrivate (development) accepts loopback but still requires http(s)', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:4000/hook', { allowPrivate: true })).ok).toBe(true);
    expect((await checkWebhookUrl('http://localhost:4000/hook', { allowPrivate: true })).ok).toBe(true);
    expect((await checkWebhookUrl('gopher://127.0.0.1/', { allowPrivate: true })).ok).toBe(false);
  });

  it('resolves real names with node:dns (localhost is refused by name, 127.0.0.1 by address)', async () => {
    expect((await checkWebhookUrl('http://localhost/')).ok).toBe(false);
    expect((await checkWebhookUrl('http://127.0.0.1/')).ok).toBe(false);
  });
});
