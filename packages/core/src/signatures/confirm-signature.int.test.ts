import { useTestDatabase } from '@undersigned/db/testing';
import { AppError } from '../errors';
import { getSignatureCount } from '../counters/get-signature-count';
import { createCampaign, signer } from '../testing/fixtures';
import { deriveConfirmToken } from './confirm-token';
import { confirmSignature } from './confirm-signature';
import { signPetition } from './sign-petition';

const SECRET = 'test-confirm-secret-0123456789abcdefghij';
const t = useTestDatabase('confirm_signature');

async function pendingSignature() {
  const c = await createCampaign(t.db, { requireConfirmation: true });
  const result = await signPetition(t.db, c.slug, signer(), { confirmSecret: SECRET });
  return { c, result, token: deriveConfirmToken(result.shareCode, SECRET) };
}

describe('confirmSignature', () => {
  it('leaves a pending signature uncounted until confirmed, then counts it once', async () => {
    const { c, result, token } = await pendingSignature();
    expect(result.status).toBe('pending');
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
    await expect(confirmSignature(t.db, token)).resolves.toMatchObject({ outcome: 'confirmed', campaignSlug: c.slug });
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: result.signatureId } });
    expect(row.status).toBe('confirmed');
    expect(row.confirmedAt).not.toBeNull();
  });

  it('answers a second press as already confirmed without counting again', async () => {
    const { c, token } = await pendingSignature();
    await confirmSignature(t.db, token);
    await expect(confirmSignature(t.db, token)).resolves.toMatchObject({ outcome: 'already_confirmed' });
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
  });

  it('counts exactly once when the same link is confirmed concurrently', async () => {
    const { c, token } = await pendingSignature();
    const results = await Promise.all(Array.from({ length: 8 }, () => confirmSignature(t.db, token)));
    expect(results.filter((r) => r.outcome === 'confirmed')).toHaveLength(1);
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
  });

  it('rejects unknown and malformed tokens as not_found and changes nothing', async () => {
    const { c } = await pendingSignature();
    await expect(confirmSignature(t.db, deriveConfirmToken('no-such-code', SECRET))).rejects.toMatchObject({ code: 'not_found' });
    await expect(confirmSignature(t.db, 'x')).rejects.toBeInstanceOf(AppError);
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
  });

  it('refuses to count a signature whose campaign closed before it was confirmed', async () => {
    const { c, token } = await pendingSignature();
    await t.db.campaign.update({ where: { id: c.id }, data: { status: 'closed', closedAt: new Date() } });
    await expect(confirmSignature(t.db, token)).rejects.toMatchObject({ code: 'campaign_not_open' });
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
  });
});
