import fc from 'fast-check';
import { negotiateEncoding, type Encoding } from './encoding';

const ALL = new Set<Encoding>(['br', 'gzip', 'identity']);
const GZIP_ONLY = new Set<Encoding>(['gzip', 'identity']);
const IDENTITY_ONLY = new Set<Encoding>(['identity']);

describe('negotiateEncoding', () => {
  it('prefers brotli when a browser offers it, then gzip, then identity', () => {
    expect(negotiateEncoding('gzip, deflate, br, zstd', ALL)).toBe('br');
    expect(negotiateEncoding('gzip, deflate, br, zstd', GZIP_ONLY)).toBe('gzip');
    expect(negotiateEncoding('gzip, deflate', ALL)).toBe('gzip');
    expect(negotiateEncoding('deflate', ALL)).toBe('identity');
    expect(negotiateEncoding(undefined, ALL)).toBe('identity');
    expect(negotiateEncoding('', ALL)).toBe('identity');
  });

  it('never picks a coding refused with q=0, in any spelling', () => {
    expect(negotiateEncoding('br;q=0, gzip', ALL)).toBe('gzip');
    expect(negotiateEncoding('BR; Q=0.0, gzip;q=0', ALL)).toBe('identity');
    expect(negotiateEncoding('*;q=0, identity', ALL)).toBe('identity');
    expect(negotiateEncoding('gzip;q=0, *', ALL)).toBe('br');
  });

  it('follows the client’s weights, and the wildcard for codings it does not name', () => {
    expect(negotiateEncoding('gzip;q=1, br;q=0.5', ALL)).toBe('gzip');
    expect(negotiateEncoding('*', ALL)).toBe('br');
    expect(negotiateEncoding('identity;q=1, *;q=0.5', ALL)).toBe('identity');
    expect(negotiateEncoding('x-gzip', ALL)).toBe('gzip');
    expect(negotiateEncoding(['gzip', 'br'], ALL)).toBe('br');
  });

  it('falls back to identity when everything it has is refused (an answer rather than a 406)', () => {
    expect(negotiateEncoding('identity;q=0', IDENTITY_ONLY)).toBe('identity');
    expect(negotiateEncoding('br;q=0, gzip;q=0, identity;q=0', ALL)).toBe('identity');
  });

  it('only ever answers with an encoding it has, and never with one the header refuses', () => {
    const coding = fc.constantFrom('br', 'gzip', 'identity', 'deflate', 'zstd', '*', 'BR', 'x-gzip');
    const q = fc.option(fc.constantFrom('0', '0.0', '0.5', '1', '0.001', 'x', '2'), { nil: undefined });
    const header = fc
      .array(fc.tuple(coding, q), { maxLength: 6 })
      .map((parts) => parts.map(([c, w]) => (w === undefined ? c : `${c};q=${w}`)).join(', '));
    const available = fc.subarray(['br', 'gzip'] as Encoding[]).map((a) => new Set<Encoding>([...a, 'identity']));
    fc.assert(
      fc.property(header, available, (h, set) => {
        const picked = negotiateEncoding(h, set);
        expect(set.has(picked)).toBe(true);
        if (picked !== 'identity') {
          const refused = new RegExp(`(^|,)\\s*${picked}\\s*;\\s*q=0(\\.0*)?\\s*(,|$)`, 'i').test(h);
          expect(refused).toBe(false);
        }
      }),
    );
  });
});
