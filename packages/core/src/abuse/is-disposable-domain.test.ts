import { isDisposableDomain } from './is-disposable-domain';

describe('isDisposableDomain', () => {
  it('flags a listed throwaway-mail domain, in any case and with a leading @', () => {
    expect(isDisposableDomain('mailinator.com')).toBe(true);
    expect(isDisposableDomain('@MAILINATOR.COM')).toBe(true);
  });

  it('flags subdomains of a listed domain', () => {
    expect(isDisposableDomain('anything.mailinator.com')).toBe(true);
  });

  it('leaves ordinary providers, universities and organisations alone', () => {
    for (const d of ['gmail.com', 'sjsu.edu', 'sanjoseca.gov', 'example.org', 'proton.me']) expect(isDisposableDomain(d)).toBe(false);
  });

  it('answers false for empty or malformed input rather than throwing', () => {
    expect(isDisposableDomain('')).toBe(false);
    expect(isDisposableDomain('com')).toBe(false);
  });
});
