// Privacy of updates (issue 12 part 6): staff see consent and its date in their CSV export (the
// officials' delivery CSV does not carry it), and erasing a person takes them out of every
// update still to be sent — their recipient rows go with them.
import { useTestDatabase } from '@undersigned/db/testing';
import { streamSignaturesCsv } from '../exports/stream-signatures-csv';
import { CSV_HEADER } from '../deliveries/write-delivery-csv';
import { signPetition } from '../signatures/sign-petition';
import { createCampaign, createStaffActor, signer } from '../testing/fixtures';
import { erasePerson } from './erase-person';

const t = useTestDatabase('outcomes_privacy');

async function exportCsv(campaignId: number): Promise<string[][]> {
  let csv = '';
  for await (const chunk of streamSignaturesCsv(t.db, { campaignId, databaseUrl: t.url })) csv += chunk;
  return csv
    .trim()
    .split('\r\n')
    .map((row) => row.split(','));
}

describe('consent in the staff export', () => {
  it('gives consented yes/no, the consent date and the email status per signer; the delivery CSV has none of it', async () => {
    const c = await createCampaign(t.db);
    await signPetition(t.db, c.slug, signer({ givenName: 'Yes', subscribe: true }));
    await signPetition(t.db, c.slug, signer({ givenName: 'No' }));
    const withdrew = signer({ givenName: 'Withdrew', subscribe: true });
    await signPetition(t.db, c.slug, withdrew);
    await t.db.person.updateMany({ where: { canonicalEmail: withdrew.email }, data: { emailStatus: 'unsubscribed' } });
    const [header, ...rows] = await exportCsv(c.id);
    const col = (name: string) => header!.indexOf(name);
    expect(header!.slice(-3)).toEqual(['consented', 'consented_at', 'email_status']);
    const byName = Object.fromEntries(rows.map((r) => [r[col('given_name')], r]));
    expect(byName.Yes![col('consented')]).toBe('yes');
    expect(byName.Yes![col('consented_at')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(byName.Yes![col('email_status')]).toBe('subscribed');
    expect([byName.No![col('consented')], byName.No![col('consented_at')], byName.No![col('email_status')]]).toEqual(['no', '', 'unsubscribed']);
    expect(byName.Withdrew![col('consented')]).toBe('no');
    expect(byName.Withdrew![col('consented_at')]).not.toBe('');
    expect(CSV_HEADER.join(',')).not.toMatch(/consent|status/i);
  });
});

describe('erasure and updates', () => {
  it('removes the erased person from pending sends and every recipient row, and nobody else', async () => {
    const actor = await createStaffActor(t.db, { email: 'eraser@org.example', role: 'admin' });
    const c = await createCampaign(t.db);
    const gone = signer({ subscribe: true });
    const stays = signer({ subscribe: true });
    await signPetition(t.db, c.slug, gone);
    await signPetition(t.db, c.slug, stays);
    const [p1, p2] = await Promise.all([gone, stays].map((s) => t.db.person.findUniqueOrThrow({ where: { canonicalEmail: s.email } })));
    const sent = await t.db.campaignUpdate.create({ data: { campaignId: c.id, status: 'sent', subjectEn: 'Old news', bodyEn: 'x' } });
    const sending = await t.db.campaignUpdate.create({ data: { campaignId: c.id, status: 'sending', subjectEn: 'News', bodyEn: 'y' } });
    await t.db.updateRecipient.createMany({
      data: [
        { updateId: sent.id, personId: p1!.id, locale: 'en', status: 'sent', sentAt: new Date() },
        { updateId: sending.id, personId: p1!.id, locale: 'en', status: 'pending' },
        { updateId: sent.id, personId: p2!.id, locale: 'en', status: 'sent', sentAt: new Date() },
        { updateId: sending.id, personId: p2!.id, locale: 'en', status: 'pending' },
      ],
    });
    await erasePerson(t.db, actor, { personId: p1!.id });
    expect(await t.db.updateRecipient.count({ where: { personId: p1!.id } })).toBe(0);
    expect(await t.db.updateRecipient.findMany({ where: { updateId: sending.id }, select: { personId: true, status: true } })).toEqual([
      { personId: p2!.id, status: 'pending' },
    ]);
    expect(await t.db.updateRecipient.count({ where: { personId: p2!.id } })).toBe(2);
  });
});
