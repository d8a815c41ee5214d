// The retention job as the worker runs it (issue 7 "Privacy"): a repeatable maintenance job
// registered at boot anonymises the signers of campaigns closed longer than RETENTION_DAYS,
// leaves younger campaigns alone, and core audits each campaign it anonymised.
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { signPetition } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { Redis } from 'ioredis';
import { eventually, killWorker, spawnWorker, type SpawnedWorker } from './testing/spawn-worker';

const prefix = `t-retention-${process.pid}`;
let t: TestDatabase;
let sink: SmtpSink;
let worker: SpawnedWorker | undefined;

beforeAll(async () => {
  t = await createTestDatabase('worker_retention');
  sink = await startSmtpSink();
});
afterAll(async () => {
  await killWorker(worker);
  await sink.close();
  await t.drop();
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

describe('retention job (maintenance.anonymize-signers)', () => {
  it('anonymises signers of a campaign closed longer than RETENTION_DAYS, not of one closed recently; audited', async () => {
    const old = await createCampaign(t.db);
    const recent = await createCampaign(t.db);
    await signPetition(t.db, old.slug, signer({ email: 'gone@example.org', givenName: 'Gwen', familyName: 'Gone' }), { ipHash: 'ab'.repeat(32) });
    await signPetition(t.db, recent.slug, signer({ email: 'kept@example.org', givenName: 'Kim', familyName: 'Kept' }));
    const day = 86_400_000;
    await t.db.campaign.update({ where: { id: old.id }, data: { status: 'closed', closedAt: new Date(Date.now() - 31 * day) } });
    await t.db.campaign.update({ where: { id: recent.id }, data: { status: 'closed', closedAt: new Date(Date.now() - 29 * day) } });

    worker = spawnWorker({
      DATABASE_URL: t.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      SMTP_URL: sink.url,
      MAIL_FROM: 'Undersigned <hello@undersigned.example>',
      PUBLIC_WEB_URL: 'http://localhost:3000',
      CONFIRM_TOKEN_SECRET: 'worker-test-confirm-secret-0123456789',
      WORKER_PORT: '0',
      RETENTION_DAYS: '30',
      WORKER_RETENTION_EVERY_MS: '500',
    });
    const line = await worker.waitForLog((l) => l.outcome === 'anonymized', 30_000);
    expect(JSON.stringify(line)).toContain(`"campaignId":${old.id}`);
    const row = await eventually(async () => {
      const s = await t.db.signature.findFirstOrThrow({ where: { campaignId: old.id } });
      return s.givenName === '' ? s : null;
    });
    expect(row).toMatchObject({ givenName: '', familyName: '', ipHash: null });
    expect(await t.db.person.count({ where: { canonicalEmail: 'gone@example.org' } })).toBe(0);
    expect(await t.db.signature.findFirstOrThrow({ where: { campaignId: recent.id } })).toMatchObject({ givenName: 'Kim', familyName: 'Kept' });
    expect(await t.db.person.count({ where: { canonicalEmail: 'kept@example.org' } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: 'campaign.anonymize_signers', entityId: String(old.id) } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: 'campaign.anonymize_signers', entityId: String(recent.id) } })).toBe(0);
  });
});
