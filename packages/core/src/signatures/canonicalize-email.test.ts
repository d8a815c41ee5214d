import { canonicalizeEmail } from './canonicalize-email';

describe('canonicalizeEmail', () => {
  it('trims and lowercases any address', () => {
    expect(canonicalizeEmail('  Maria.Lopez@Example.ORG \n')).toBe('maria.lopez@example.org');
  });

  it('removes gmail dots and +tags and folds googlemail into gmail', () => {
    expect(canonicalizeEmail('J.Doe+petition@Gmail.com')).toBe('jdoe@gmail.com');
    expect(canonicalizeEmail('j.d.o.e@googlemail.com')).toBe('jdoe@gmail.com');
  });

  it('removes +tags but keeps dots for other known providers', () => {
    expect(canonicalizeEmail('ana.m+news@outlook.com')).toBe('ana.m@outlook.com');
    expect(canonicalizeEmail('ana.m+x@icloud.com')).toBe('ana.m@icloud.com');
  });

  it('keeps + and dots on unknown domains where they may be significant', () => {
    expect(canonicalizeEmail('a.b+c@example.com')).toBe('a.b+c@example.com');
  });

  it('rejects strings that are not addresses', () => {
    expect(canonicalizeEmail('no-at-sign')).toBeNull();
    expect(canonicalizeEmail('@example.com')).toBeNull();
    expect(canonicalizeEmail('someone@')).toBeNull();
    expect(canonicalizeEmail('+tag@gmail.com')).toBeNull();
  });
});
