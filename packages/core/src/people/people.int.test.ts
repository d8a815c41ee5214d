import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { getSignatureCount } from '../counters/get-signature-count';
import { reconcileSignatureCounts } from '../counters/reconcile-signature-counts';
import { streamSignaturesCsv } from '../exports/stream-signatures-csv';
import { signPetition } from '../signatures/sign-petition';
import { createCampaign, createStaffActor, seedSignatures, signer } from '../testing/fixtures';
import { erasePerson } from './erase-person';
import { listSignatures } from './list-signatures';
import { moderateSignatures } from './moderate-signatures';
import { previewSignatureModeration } from './preview-signature-moderation';

const t = useTestDatabase('people');
let actor: StaffActor;
beforeAll(async () => {
  actor = await createStaffActor(t.db, { email: 'mod@org.example', role: 'campaigner' });
});

describe('moderation, erasure and export keep counts exact', () => {
  it('bulk-marks by IP hash after a preview; the count drops by exactly the counted rows', async () => {
    const c = await createCampaign(t.db);
    const bad = 'ab'.repeat(32);
    for (let i = 0; i < 5; i++) await signPetition(t.db, c.slug, signer(), { ipHash: bad });
    for (let i = 0; i < 7; i++) await signPetition(t.db, c.slug, signer(), { ipHash: 'cd'.repeat(32) });
    expect(await getSignatureCount(t.db, c.id)).toBe(12);

    const preview = await previewSignatureModeration(t.db, { campaignId: c.id, ipHash: bad });
    expect(preview).toMatchObject({ matching: 5, counted: 5 });
    const result = await moderateSignatures(t.db, actor, {
      selection: { campaignId: c.id, ipHash: bad },
      status: 'fraudulent',
      expected: preview.matching,
    });
    expect(result).toEqual({ changed: 5, uncounted: 5 });
    expect(await getSignatureCount(t.db, c.id)).toBe(7);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
    expect(await t.db.auditLog.count({ where: { action: 'signatures.mark_fraudulent' } })).toBe(1);
  });

  it('stays exact when signers keep signing while a bulk mark runs (no drift for the reconciler)', async () => {
    const c = await createCampaign(t.db);
    const bad = 'ef'.repeat(32);
    for (let i = 0; i < 20; i++) await signPetition(t.db, c.slug, signer(), { ipHash: bad });
    const signing = Promise.all(
      Array.from({ length: 40 }, (_, i) => signPetition(t.db, c.slug, signer(), { ipHash: i % 2 ? bad : 'aa'.repeat(32) })),
    );
    const marking = moderateSignatures(t.db, actor, { selection: { campaignId: c.id, ipHash: bad }, status: 'fraudulent' });
    await Promise.all([signing, marking]);
    const confirmed = await t.db.signature.count({ where: { campaignId: c.id, status: 'confirmed' } });
    expect(await getSignatureCount(t.db, c.id)).toBe(confirmed);
    expect(await reconcileSignatureCounts(t.db, c.id)).toEqual([]);
  });

  it('refuses to apply when the selection grew since the preview, changing nothing', async () => {
    const c = await createCampaign(t.db);
    for (let i = 0; i < 3; i++) await signPetition(t.db, c.slug, signer({ email: `x${i}@spam.example` }));
    const preview = await previewSignatureModeration(t.db, { campaignId: c.id, emailDomain: 'spam.example' });
    await signPetition(t.db, c.slug, signer({ email: 'late@spam.example' }));
    await expect(
      moderateSignatures(t.db, actor, {
        selection: { campaignId: c.id, emailDomain: 'spam.example' },
        status: 'invalidated',
        expected: preview.matching,
      }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await getSignatureCount(t.db, c.id)).toBe(4);
  });

  it('refuses a selection with no narrowing criterion', async () => {
    await expect(previewSignatureModeration(t.db, { campaignId: 1 })).rejects.toMatchObject({ code: 'validation' });
  });

  it('erases a person and all their signatures across campaigns, keeping every count exact', async () => {
    const a = await createCampaign(t.db);
    const b = await createCampaign(t.db);
    const email = 'erase.me@example.org';
    await signPetition(t.db, a.slug, signer({ email }));
    await signPetition(t.db, b.slug, signer({ email }));
    await signPetition(t.db, a.slug, signer());
    const person = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: email } });
    const result = await erasePerson(t.db, actor, { personId: person.id });
    expect(result.signatures).toBe(2);
    expect(await t.db.person.findUnique({ where: { id: person.id } })).toBeNull();
    expect(await getSignatureCount(t.db, a.id)).toBe(1);
    expect(await getSignatureCount(t.db, b.id)).toBe(0);
    expect(await reconcileSignatureCounts(t.db)).toEqual([]);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'person.erase' } });
    expect(JSON.stringify(audit.data)).not.toContain('erase.me');
  });

  it('searches signatures by email and postal code with an exact total', async () => {
    const c = await createCampaign(t.db);
    await signPetition(t.db, c.slug, signer({ email: 'findme@example.org', postalCode: '95008' }));
    await signPetition(t.db, c.slug, signer({ postalCode: '95112' }));
    expect((await listSignatures(t.db, { campaignId: c.id, q: 'findme' })).total).toBe(1);
    expect((await listSignatures(t.db, { campaignId: c.id, q: '9511' })).total).toBe(1);
    expect((await listSignatures(t.db, { campaignId: c.id })).total).toBe(2);
  });

  it('streams CSV (CRLF rows) from COPY, escaping fields and leaving emails out unless asked', async () => {
    const c = await createCampaign(t.db);
    await signPetition(t.db, c.slug, signer({ email: 'csv@example.org', comment: '=HYPERLINK("x"), "quoted"' }));
    for (let i = 0; i < 4; i++) await signPetition(t.db, c.slug, signer());
    const chunks: string[] = [];
    for await (const chunk of streamSignaturesCsv(t.db, { campaignId: c.id, databaseUrl: t.url })) chunks.push(chunk);
    const csv = chunks.join('');
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.trim().split('\r\n')).toHaveLength(6);
    expect(csv).not.toContain('csv@example.org');
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    let withEmail = '';
    for await (const chunk of streamSignaturesCsv(t.db, { campaignId: c.id, includeEmail: true, databaseUrl: t.url })) withEmail += chunk;
    expect(withEmail).toContain('csv@example.org');
  });

  it('streams a multi-block export whole: every row once, accents intact, a newline inside a comment kept as LF', async () => {
    const c = await createCampaign(t.db);
    await seedSignatures(t.db, c.id, { count: 6000, comment: 'first line\nsecond, "quoted" line' });
    const chunks: string[] = [];
    for await (const chunk of streamSignaturesCsv(t.db, { campaignId: c.id, databaseUrl: t.url })) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(3); // more than one 256 KiB block
    const csv = chunks.join('');
    expect(csv).not.toContain('\uFFFD'); // no UTF-8 sequence split between blocks
    const rows = csv.split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows).toHaveLength(6001);
    expect(rows.slice(1).every((r) => r.includes('Núñez') && r.includes('"first line\nsecond, ""quoted"" line"'))).toBe(true);
    const ids = new Set(rows.slice(1).map((r) => r.split(',')[0]));
    expect(ids.size).toBe(6000);
  });
});
