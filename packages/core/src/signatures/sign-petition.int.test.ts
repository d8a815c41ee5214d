import { useTestDatabase } from '@undersigned/db/testing';
import { AppError } from '../errors';
import { getSignatureCount } from '../counters/get-signature-count';
import { createCampaign, signer } from '../testing/fixtures';
import { signPetition } from './sign-petition';

const t = useTestDatabase('sign_petition');

async function rows(campaignId: number) {
  return t.db.signature.count({ where: { campaignId } });
}

describe('signPetition', () => {
  it('commits a counted signature and raises the count by one', async () => {
    const c = await createCampaign(t.db);
    const result = await signPetition(t.db, c.slug, signer({ comment: '  Stand with us  ' }));
    expect(result.status).toBe('confirmed');
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: result.signatureId } });
    expect(row).toMatchObject({ status: 'confirmed', comment: 'Stand with us', locality: 'San Jose', region: 'CA' });
  });

  it('counts one signature per canonical email and answers repeats exactly like firsts', async () => {
    const c = await createCampaign(t.db);
    const first = await signPetition(t.db, c.slug, signer({ email: 'Maria.Lopez+sj@gmail.com' }));
    const again = await signPetition(t.db, c.slug, signer({ email: '  marialopez@GMAIL.com ' }));
    const third = await signPetition(t.db, c.slug, signer({ email: 'm.a.r.i.a.lopez@googlemail.com' }));
    expect(await rows(c.id)).toBe(1);
    expect(await getSignatureCount(t.db, c.id)).toBe(1);
    const shape = (r: typeof first) => ({ status: r.status, shareCode: r.shareCode, campaignId: r.campaignId });
    expect(shape(again)).toEqual(shape(first));
    expect(shape(third)).toEqual(shape(first));
  });

  it('lets the same person sign different campaigns', async () => {
    const a = await createCampaign(t.db);
    const b = await createCampaign(t.db);
    const email = 'both@example.org';
    await signPetition(t.db, a.slug, signer({ email }));
    await signPetition(t.db, b.slug, signer({ email }));
    expect(await getSignatureCount(t.db, a.id)).toBe(1);
    expect(await getSignatureCount(t.db, b.id)).toBe(1);
    expect(await t.db.person.count({ where: { canonicalEmail: email } })).toBe(1);
  });

  it('keeps exactly one row per email under concurrent repeats, and the count equals the table', async () => {
    const c = await createCampaign(t.db);
    const emails = Array.from({ length: 40 }, (_, i) => `racer${i}@example.org`);
    const attempts = emails.flatMap((e) => [e, e.toUpperCase(), ` ${e} `]);
    const results = await Promise.allSettled(attempts.map((email) => signPetition(t.db, c.slug, signer({ email }))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await rows(c.id)).toBe(40);
    expect(await getSignatureCount(t.db, c.id)).toBe(40);
  });

  it('rejects invalid fields with field-level keys and writes nothing', async () => {
    const c = await createCampaign(t.db);
    const error = await signPetition(t.db, c.slug, {
      givenName: ' ',
      familyName: 'x'.repeat(101),
      email: 'not-an-email',
      postalCode: '!!',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    expect((error as AppError).fields).toEqual({
      givenName: 'required',
      familyName: 'too_long',
      email: 'invalid_email',
      postalCode: 'invalid_postal_code',
    });
    expect(await rows(c.id)).toBe(0);
    expect(await t.db.person.count({ where: { email: 'not-an-email' } })).toBe(0);
  });

  it('rejects NUL and other control characters before they reach Postgres', async () => {
    const c = await createCampaign(t.db);
    const error = (await signPetition(t.db, c.slug, signer({ givenName: 'A\u0000na' })).catch((e: unknown) => e)) as AppError;
    expect(error.fields).toEqual({ givenName: 'invalid_characters' });
    expect(await rows(c.id)).toBe(0);
  });

  it('refuses closed campaigns with campaign_not_open and unknown or draft ones with not_found', async () => {
    const closed = await createCampaign(t.db, { status: 'closed' });
    const draft = await createCampaign(t.db, { status: 'draft' });
    await expect(signPetition(t.db, closed.slug, signer())).rejects.toMatchObject({ code: 'campaign_not_open' });
    await expect(signPetition(t.db, draft.slug, signer())).rejects.toMatchObject({ code: 'not_found' });
    await expect(signPetition(t.db, 'no-such-campaign', signer())).rejects.toMatchObject({ code: 'not_found' });
    expect(await rows(closed.id)).toBe(0);
  });

  it('stores pending, uncounted signatures when the campaign requires confirmation', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const r = await signPetition(t.db, c.slug, signer(), { confirmSecret: 'test-secret' });
    expect(r).toMatchObject({ status: 'pending', awaitingConfirmation: true });
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } });
    expect(row.status).toBe('pending');
    expect(row.confirmTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stores suspicious signatures as fraudulent, uncounted, with the same answer', async () => {
    const c = await createCampaign(t.db);
    const r = await signPetition(t.db, c.slug, signer(), { suspicious: true });
    expect(r.status).toBe('confirmed');
    expect(await rows(c.id)).toBe(1);
    expect(await getSignatureCount(t.db, c.id)).toBe(0);
  });

  it('stores an IP hash, never a raw IP, and keeps well-formed attribution only', async () => {
    const c = await createCampaign(t.db);
    const r = await signPetition(t.db, c.slug, signer({ source: 'whatsapp', referrerCode: 'abc<script>' }), { ipHash: 'f'.repeat(64) });
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } });
    expect(row).toMatchObject({ ipHash: 'f'.repeat(64), source: 'whatsapp', referrerCode: null });
  });
});
