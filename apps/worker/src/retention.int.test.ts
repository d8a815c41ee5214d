// The retention job as the worker runs it (issue 7 "Privacy"): a repeatable maintenance job
// registered at boot anonymises the signers of campaigns closed longer than RETENTION_DAYS,
// leaves younger campaigns alone, and core audits each campaign it anonymised.
import { signPetition } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { eventually } from '@undersigned/testing';
import { useWorkerTestbed } from './testing/worker-testbed';

const bed = useWorkerTestbed('retention', { RETENTION_DAYS: '30', WORKER_RETENTION_EVERY_MS: '500' });

describe('retention job (maintenance.anonymize-signers)', () => {
  it('anonymises signers of a campaign closed longer than RETENTION_DAYS, not of one closed recently; audited', async () => {
    const old = await createCampaign(bed.t.db);
    const recent = await createCampaign(bed.t.db);
    await signPetition(bed.t.db, old.slug, signer({ email: 'gone@example.org', givenName: 'Gwen', familyName: 'Gone' }), { ipHash: 'ab'.repeat(32) });
    await signPetition(bed.t.db, recent.slug, signer({ email: 'kept@example.org', givenName: 'Kim', familyName: 'Kept' }));
    const day = 86_400_000;
    await bed.t.db.campaign.update({ where: { id: old.id }, data: { status: 'closed', closedAt: new Date(Date.now() - 31 * day) } });
    await bed.t.db.campaign.update({ where: { id: recent.id }, data: { status: 'closed', closedAt: new Date(Date.now() - 29 * day) } });

    const worker = bed.start();
    const line = await worker.waitForLine((l) => l.outcome === 'anonymized', 30_000);
    expect(JSON.stringify(line)).toContain(`"campaignId":${old.id}`);
    const row = await eventually(async () => {
      const s = await bed.t.db.signature.findFirstOrThrow({ where: { campaignId: old.id } });
      return s.givenName === '' ? s : null;
    });
    expect(row).toMatchObject({ givenName: '', familyName: '', ipHash: null });
    expect(await bed.t.db.person.count({ where: { canonicalEmail: 'gone@example.org' } })).toBe(0);
    expect(await bed.t.db.signature.findFirstOrThrow({ where: { campaignId: recent.id } })).toMatchObject({ givenName: 'Kim', familyName: 'Kept' });
    expect(await bed.t.db.person.count({ where: { canonicalEmail: 'kept@example.org' } })).toBe(1);
    expect(await bed.t.db.auditLog.count({ where: { action: 'campaign.anonymize_signers', entityId: String(old.id) } })).toBe(1);
    expect(await bed.t.db.auditLog.count({ where: { action: 'campaign.anonymize_signers', entityId: String(recent.id) } })).toBe(0);
  });
});
