import { prepareSignature } from './prepare-signature';
import { signatureInputSchema } from './signature-input';

const campaign = { id: 1, status: 'published' as const, requireConfirmation: false };
const data = signatureInputSchema.parse({ givenName: 'Ana', familyName: 'García', email: 'ana@example.org', postalCode: '95112' });

describe('prepareSignature share codes', () => {
  it('gives every signature its own 11-character base64url code, across many blocks of pooled randomness', () => {
    // 2,000 codes span several 512-code blocks of the random pool.
    const codes = Array.from({ length: 2_000 }, () => prepareSignature(campaign, data).shareCode);
    expect(codes.every((c) => /^[A-Za-z0-9_-]{11}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
