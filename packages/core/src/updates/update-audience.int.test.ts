import { useTestDatabase } from '@undersigned/db/testing';
import { createCampaign } from '../testing/fixtures';
import { countUpdateAudience } from './count-update-audience';
import { recordSuppression } from './record-suppression';
import { suppressionHash, suppressionHashPads, suppressionHashSql } from './suppression-hash';

const t = useTestDatabase('update_audience');
const SECRET = 'audience-test-secret-0123456789abcdef';

async function signerOn(campaignId: number, email: string, opts: { consent?: boolean; status?: string; locale?: 'en' | 'es' } = {}) {
  const person = await t.db.person.upsert({
    where: { canonicalEmail: email },
    update: {},
    create: {
      canonicalEmail: email,
      email,
      givenName: 'A',
      familyName: 'B',
      emailStatus: opts.consent === false ? 'unsubscribed' : 'subscribed',
      consentedAt: opts.consent === false ? null : new Date(),
    },
  });
  await t.db.signature.create({
    data: {
      campaignId,
      personId: person.id,
      givenName: 'A',
      familyName: 'B',
      shareCode: `sc-${email}`,
      status: (opts.status ?? 'confirmed') as 'confirmed',
      locale: opts.locale ?? 'en',
      confirmedAt: (opts.status ?? 'confirmed') === 'confirmed' ? new Date() : null,
      confirmTokenHash: opts.status === 'pending' ? `hash-${email}` : null,
    },
  });
  return person;
}

describe('the audience of an update', () => {
  it('computes the same suppression hash in Postgres as in Node', async () => {
    const { inner, outer } = suppressionHashPads(SECRET);
    for (const email of ['someone@example.org', 'ñandú+tag@ejemplo.es', '']) {
      const [row] = await t.db.$queryRawUnsafe<{ h: string }[]>(
        `SELECT ${suppressionHashSql('$1::text', '$2::bytea', '$3::bytea')} AS h`,
        email,
        inner,
        outer,
      );
      expect(row!.h).toBe(suppressionHash(email, SECRET));
    }
  });

  it('is the counted, consenting, unsuppressed signers, each once, by language', async () => {
    const campaign = await createCampaign(t.db);
    const other = await createCampaign(t.db);
    await signerOn(campaign.id, 'yes-en@example.org');
    await signerOn(campaign.id, 'yes-es@example.org', { locale: 'es' });
    await signerOn(campaign.id, 'no-consent@example.org', { consent: false });
    await signerOn(campaign.id, 'pending@example.org', { status: 'pending' });
    await signerOn(campaign.id, 'fraud@example.org', { status: 'fraudulent' });
    await signerOn(campaign.id, 'left-this@example.org');
    await recordSuppression(
      t.db,
      { canonicalEmail: 'left-this@example.org', campaignId: campaign.id, reason: 'unsubscribe', source: 'one-click' },
      SECRET,
    );
    await signerOn(campaign.id, 'left-other@example.org');
    await recordSuppression(
      t.db,
      { canonicalEmail: 'left-other@example.org', campaignId: other.id, reason: 'unsubscribe', source: 'one-click' },
      SECRET,
    );
    await signerOn(campaign.id, 'left-all@example.org');
    await recordSuppression(t.db, { canonicalEmail: 'left-all@example.org', campaignId: null, reason: 'unsubscribe', source: 'one-click' }, SECRET);
    await signerOn(campaign.id, 'bounced@example.org');
    await recordSuppression(t.db, { canonicalEmail: 'bounced@example.org', campaignId: campaign.id, reason: 'bounce', source: 'smtp' }, SECRET);
    expect(await countUpdateAudience(t.db, campaign.id, SECRET)).toEqual({ total: 3, en: 2, es: 1 });

    // A later explicit consent lifts an unsubscribe from all updates, never a bounce.
    await t.db.person.updateMany({
      where: { canonicalEmail: { in: ['left-all@example.org', 'bounced@example.org'] } },
      data: { emailStatus: 'subscribed', consentedAt: new Date(Date.now() + 1000) },
    });
    expect(await countUpdateAudience(t.db, campaign.id, SECRET)).toMatchObject({ total: 4 });
  });

  it('keeps one entry per address and scope, the stronger reason winning', async () => {
    const input = { canonicalEmail: 'twice@example.org', campaignId: null, source: 'webhook' } as const;
    expect(await recordSuppression(t.db, { ...input, reason: 'bounce' }, SECRET)).toEqual({ changed: true });
    expect(await recordSuppression(t.db, { ...input, reason: 'bounce' }, SECRET)).toEqual({ changed: false });
    expect(await recordSuppression(t.db, { ...input, reason: 'unsubscribe' }, SECRET)).toEqual({ changed: false });
    expect(await recordSuppression(t.db, { ...input, reason: 'complaint' }, SECRET)).toEqual({ changed: true });
    const rows = await t.db.emailSuppression.findMany({ where: { emailHash: suppressionHash('twice@example.org', SECRET) } });
    expect(rows.map((r) => r.reason)).toEqual(['complaint']);
  });
});
