// Privacy drills of issue 7 that live in core: the delivery CSV carries emails only when the
// campaign opted in (through the same writer and flag sendDelivery uses), erasure takes a person
// out of every future delivery, and the retention job anonymises signers of campaigns closed
// longer than the retention period — audited, idempotent, counts unchanged.
import { readFile } from 'node:fs/promises';
import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { buildNextDeliveryEmail } from '../deliveries/build-next-delivery-email';
import { getSignatureCount } from '../counters/get-signature-count';
import { signPetition } from '../signatures/sign-petition';
import { createCampaign, createStaffActor, signer } from '../testing/fixtures';
import { anonymizeClosedCampaignSigners, anonymizedEmail } from './anonymize-closed-campaign-signers';
import { erasePerson } from './erase-person';

const t = useTestDatabase('privacy');
let actor: StaffActor;
const deps = () => ({ databaseUrl: t.url, publicWebUrl: 'https://petitions.example' });
const DAY = 86_400_000;

beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'privacy-admin@org.example', role: 'admin' });
});

/** The next delivery's CSV text for the campaign's first target. */
async function nextDeliveryCsv(campaignId: number) {
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId } });
  const email = await buildNextDeliveryEmail(t.db, { campaignId, targetId: pair.targetId }, deps());
  try {
    expect(email.csv.gzipped).toBe(false);
    return { csv: await readFile(email.csv.path, 'utf8'), html: email.html, text: email.text };
  } finally {
    await email.csv.cleanup();
  }
}

describe('delivery CSV and emails', () => {
  it('leaves signer emails out of the CSV and the email unless the campaign opted in', async () => {
    const c = await createCampaign(t.db);
    const people = [signer({ email: 'optout.one@example.org' }), signer({ email: 'optout.two@example.org' })];
    for (const p of people) await signPetition(t.db, c.slug, p);
    const out = await nextDeliveryCsv(c.id);
    expect(out.csv.split('\n')[0]).not.toMatch(/email/i);
    expect(out.csv).toContain('García');
    for (const p of people) {
      expect(out.csv).not.toContain(p.email);
      expect(out.html + out.text).not.toContain(p.email);
    }
  });

  it('includes each signer’s email in the CSV (Email column) when the campaign opted in', async () => {
    const c = await createCampaign(t.db);
    await t.db.campaign.update({ where: { id: c.id }, data: { includeEmailsInDeliveries: true } });
    const people = [signer({ email: 'optin.one@example.org' }), signer({ email: 'optin.two@example.org' })];
    for (const p of people) await signPetition(t.db, c.slug, p);
    const out = await nextDeliveryCsv(c.id);
    expect(out.csv.split('\n')[0]).toMatch(/,Email\r?$/);
    for (const p of people) expect(out.csv).toContain(p.email);
    // The email body itself never lists addresses, even when the CSV does.
    for (const p of people) expect(out.html + out.text).not.toContain(p.email);
  });

  it('erasure takes the person out of every future delivery and every table, counts stay exact', async () => {
    const a = await createCampaign(t.db);
    const b = await createCampaign(t.db, { requireConfirmation: true });
    await t.db.campaign.update({ where: { id: a.id }, data: { includeEmailsInDeliveries: true } });
    const victim = signer({ email: 'erase.me@example.org', givenName: 'Zelda', familyName: 'Erasable', comment: 'my words' });
    await signPetition(t.db, a.slug, victim, { ipHash: 'ef'.repeat(32) });
    await signPetition(t.db, b.slug, victim, { confirmSecret: 'test-confirm-secret-0123456789abcdefghij' }); // pending on b
    await signPetition(t.db, a.slug, signer({ email: 'stays@example.org' }));
    expect(await getSignatureCount(t.db, a.id)).toBe(2);
    const person = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: 'erase.me@example.org' } });

    await erasePerson(t.db, actor, { personId: person.id, reason: 'request' });

    expect(await t.db.person.count({ where: { id: person.id } })).toBe(0);
    expect(await t.db.signature.count({ where: { personId: person.id } })).toBe(0);
    expect(await getSignatureCount(t.db, a.id)).toBe(1);
    const out = await nextDeliveryCsv(a.id);
    expect(out.csv).toContain('stays@example.org');
    for (const leak of ['erase.me@example.org', 'Zelda', 'Erasable', 'my words']) expect(out.csv + out.html + out.text).not.toContain(leak);
    // Nothing of theirs anywhere in the database, the audit log included.
    const dump = await t.db.$queryRaw<{ hit: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM person p WHERE p::text ILIKE '%erase.me%')
          OR EXISTS (SELECT 1 FROM signature s WHERE s::text ILIKE '%Erasable%' OR s::text ILIKE '%' || ${'ef'.repeat(32)} || '%')
          OR EXISTS (SELECT 1 FROM audit_log l WHERE l::text ILIKE '%erase.me%' OR l::text ILIKE '%Erasable%') AS hit`;
    expect(dump[0]!.hit).toBe(false);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'person.erase', entityId: String(person.id) } });
    expect(audit.actorId).toBe(actor.id);
  });
});

describe('retention: anonymizeClosedCampaignSigners', () => {
  it('anonymises signers of campaigns closed longer than the period, keeps counts, places and recent campaigns; audited; idempotent', async () => {
    const now = new Date();
    const old = await createCampaign(t.db);
    const recent = await createCampaign(t.db);
    const live = await createCampaign(t.db);
    const onlyOld = signer({ email: 'only.old@example.org', givenName: 'Olga', familyName: 'Oldcampaign', comment: 'old words' });
    const both = signer({ email: 'old.and.live@example.org', givenName: 'Bea', familyName: 'Bothways' });
    const onlyRecent = signer({ email: 'recent@example.org', givenName: 'Rita', familyName: 'Recent' });
    await signPetition(t.db, old.slug, onlyOld, { ipHash: 'aa'.repeat(32) });
    await signPetition(t.db, old.slug, both, { ipHash: 'bb'.repeat(32) });
    await signPetition(t.db, live.slug, both);
    await signPetition(t.db, recent.slug, onlyRecent, { ipHash: 'cc'.repeat(32) });
    await t.db.campaign.update({ where: { id: old.id }, data: { status: 'closed', closedAt: new Date(now.getTime() - 400 * DAY) } });
    await t.db.campaign.update({ where: { id: recent.id }, data: { status: 'victory', closedAt: new Date(now.getTime() - 10 * DAY) } });
    const before = { old: await getSignatureCount(t.db, old.id), recent: await getSignatureCount(t.db, recent.id) };

    const result = await anonymizeClosedCampaignSigners(t.db, { retentionDays: 365, now });

    expect(result).toEqual([{ campaignId: old.id, signatures: 2, people: 1 }]);
    const oldRows = await t.db.signature.findMany({ where: { campaignId: old.id } });
    for (const s of oldRows) {
      expect(s).toMatchObject({ givenName: '', familyName: '', comment: null, ipHash: null, status: 'confirmed', postalCode: '95112' });
    }
    const anonymised = await t.db.person.findMany({ where: { canonicalEmail: { startsWith: 'anonymized-' } } });
    expect(anonymised).toHaveLength(1);
    expect(anonymised[0]).toMatchObject({ email: anonymizedEmail(anonymised[0]!.id), givenName: '', familyName: '', postalCode: null });
    // The supporter of a live campaign keeps their person row and their live signature.
    const bea = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: 'old.and.live@example.org' } });
    expect(bea.givenName).toBe('Bea');
    expect(await t.db.signature.findFirstOrThrow({ where: { campaignId: live.id, personId: bea.id } })).toMatchObject({ givenName: 'Bea' });
    // A campaign closed 10 days ago is untouched.
    expect(await t.db.signature.findFirstOrThrow({ where: { campaignId: recent.id } })).toMatchObject({ givenName: 'Rita', ipHash: 'cc'.repeat(32) });
    // Counts do not move; nothing of the old signers is left in the old campaign's data.
    expect(await getSignatureCount(t.db, old.id)).toBe(before.old);
    expect(await getSignatureCount(t.db, recent.id)).toBe(before.recent);
    const leak = await t.db.$queryRaw<{ hit: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM person p WHERE p::text ILIKE '%only.old%' OR p::text ILIKE '%Oldcampaign%')
          OR EXISTS (SELECT 1 FROM signature s WHERE s.campaign_id = ${old.id}
                     AND (s::text ILIKE '%Oldcampaign%' OR s::text ILIKE '%Bothways%' OR s::text ILIKE '%old words%')) AS hit`;
    expect(leak[0]!.hit).toBe(false);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'campaign.anonymize_signers', entityId: String(old.id) } });
    expect(audit).toMatchObject({
      actorId: null,
      entityType: 'campaign',
      data: expect.objectContaining({ signatures: 2, people: 1, retentionDays: 365 }),
    });

    // Idempotent: a second run finds nothing to do and audits nothing.
    expect(await anonymizeClosedCampaignSigners(t.db, { retentionDays: 365, now })).toEqual([]);
    expect(await t.db.auditLog.count({ where: { action: 'campaign.anonymize_signers' } })).toBe(1);
    // With a shorter period the recent campaign is due as well.
    expect(await anonymizeClosedCampaignSigners(t.db, { retentionDays: 7, now })).toEqual([{ campaignId: recent.id, signatures: 1, people: 1 }]);
  });
});
