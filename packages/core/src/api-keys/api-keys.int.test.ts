import { useTestDatabase } from '@undersigned/db/testing';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { API_KEY_PATTERN, hashApiKeySecret } from './api-key-secret';
import { authenticateApiKey } from './authenticate-api-key';
import { createApiKey } from './create-api-key';
import { listApiKeys } from './list-api-keys';
import { revokeApiKey } from './revoke-api-key';
import { rotateApiKey } from './rotate-api-key';

const t = useTestDatabase('api_keys');
let admin: StaffActor;
let campaigner: StaffActor;
let viewer: StaffActor;
let campaignIds: number[];

beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'keys-admin@org.example', role: 'admin' });
  campaigner = await createStaffActor(t.db, { email: 'keys-campaigner@org.example', role: 'campaigner' });
  viewer = await createStaffActor(t.db, { email: 'keys-viewer@org.example', role: 'viewer' });
  campaignIds = [(await createCampaign(t.db, { title: 'Fund the libraries' })).id, (await createCampaign(t.db, { title: 'Safe streets' })).id];
});

/** JSON of anything read from the database (audit ids are bigints). */
const json = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

/** Everything a key verb may write: the keys (hashes included) and the audit log. */
async function snapshot() {
  return {
    keys: await t.db.apiKey.findMany({ orderBy: { id: 'asc' } }),
    audit: await t.db.auditLog.findMany({ orderBy: { id: 'asc' } }),
  };
}

describe('API keys', () => {
  it('creates a key whose secret is returned once and stored only as its hash, audited without the secret', async () => {
    const { key, secret } = await createApiKey(t.db, admin, {
      name: '  CRM sync  ',
      scope: 'read',
      campaignIds: [String(campaignIds[1]), campaignIds[0]],
    });
    expect(secret).toMatch(API_KEY_PATTERN);
    expect(key).toMatchObject({ name: 'CRM sync', scope: 'read', rateLimitPerMinute: 600, prefix: secret.slice(0, 10), revokedAt: null });
    expect(key.campaigns).toEqual([
      { id: campaignIds[0], slug: expect.any(String), title: 'Fund the libraries' },
      { id: campaignIds[1], slug: expect.any(String), title: 'Safe streets' },
    ]);
    expect(key.createdBy).toEqual({ name: null, email: admin.email });

    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKeySecret(secret));
    expect(row.previousSecretHash).toBeNull();
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.campaignIds).toEqual([...campaignIds].sort((a, b) => a - b));

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'apikey.create', entityId: key.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(audit.data).toEqual({ name: 'CRM sync', scope: 'read', campaignIds: row.campaignIds, prefix: key.prefix, rateLimitPerMinute: 600 });
    expect(json(audit)).not.toContain(secret);
    expect(json(audit)).not.toContain(row.secretHash);
  });

  it('lists keys newest first with their campaigns, creator and status, and never a hash', async () => {
    const { key } = await createApiKey(t.db, admin, { name: 'Everything', scope: 'write', rateLimitPerMinute: '1200' });
    const list = await listApiKeys(t.db);
    expect(list[0]).toMatchObject({ id: key.id, campaigns: 'all', scope: 'write', rateLimitPerMinute: 1200, createdBy: { email: admin.email } });
    const hashes = (await t.db.apiKey.findMany()).flatMap((k) => [k.secretHash, k.previousSecretHash].filter(Boolean) as string[]);
    const text = JSON.stringify(list);
    for (const hash of hashes) expect(text).not.toContain(hash);
    for (const summary of list) expect(Object.keys(summary).some((k) => /hash|secret$/i.test(k))).toBe(false);
  });

  it('revokes at once (dropping a kept previous secret), audits it, and refuses to revoke twice', async () => {
    const { key, secret } = await createApiKey(t.db, admin, { name: 'To revoke', scope: 'read' });
    await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 24 });
    await revokeApiKey(t.db, admin, key.id);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.revokedAt).not.toBeNull();
    expect(row.revokedById).toBe(admin.id);
    expect(row.previousSecretHash).toBeNull();
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'apikey.revoke', entityId: key.id } });
    expect(audit).toMatchObject({ actorId: admin.id, data: { name: 'To revoke', scope: 'read', campaignIds: [], prefix: row.prefix } });
    expect(json(audit)).not.toContain(secret);

    const before = await snapshot();
    await expect(revokeApiKey(t.db, admin, key.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 0 })).rejects.toMatchObject({ code: 'conflict' });
    await expect(revokeApiKey(t.db, admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    await expect(revokeApiKey(t.db, admin, 'not-a-uuid')).rejects.toMatchObject({ code: 'not_found' });
    expect(await snapshot()).toEqual(before);
    expect((await listApiKeys(t.db)).find((k) => k.id === key.id)).toMatchObject({ previousSecretValidUntil: null, revokedAt: row.revokedAt });
  });

  it('rotates to a new secret; the old one is kept for 24 hours or dropped at once, as chosen', async () => {
    const { key, secret: first } = await createApiKey(t.db, admin, { name: 'Rotating', scope: 'write' });
    const kept = await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 24 });
    expect(kept.secret).toMatch(API_KEY_PATTERN);
    expect(kept.secret).not.toBe(first);
    let row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKeySecret(kept.secret));
    expect(row.prefix).toBe(kept.secret.slice(0, 10));
    expect(row.previousSecretHash).toBe(hashApiKeySecret(first));
    const hours = (row.previousExpiresAt!.getTime() - row.rotatedAt!.getTime()) / 3_600_000;
    expect(hours).toBe(24);
    const summary = (await listApiKeys(t.db)).find((k) => k.id === key.id)!;
    expect(summary.previousSecretValidUntil).toEqual(row.previousExpiresAt);

    const dropped = await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 0 });
    row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(hashApiKeySecret(dropped.secret));
    expect(row.previousSecretHash).toBeNull();
    expect(row.previousExpiresAt).toBeNull();

    const audits = await t.db.auditLog.findMany({ where: { action: 'apikey.rotate', entityId: key.id }, orderBy: { id: 'asc' } });
    expect(audits.map((a) => (a.data as { keepPreviousHours: number }).keepPreviousHours)).toEqual([24, 0]);
    for (const secret of [first, kept.secret, dropped.secret]) expect(json(audits)).not.toContain(secret);
  });

  it('what these verbs store is what the API accepts: a kept secret until its 24 hours end, a dropped one never, nothing once revoked', async () => {
    const { key, secret: first } = await createApiKey(t.db, admin, { name: 'Accepted', scope: 'read' });
    const ok = async (secret: string, at = new Date()) => (await authenticateApiKey(t.db, secret, at))?.keyId === key.id;
    expect(await ok(first)).toBe(true);
    const { secret: second } = await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 24 });
    expect(await ok(second)).toBe(true);
    expect(await ok(first)).toBe(true);
    expect(await ok(first, new Date(Date.now() + 25 * 3_600_000))).toBe(false);
    const { secret: third } = await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 0 });
    expect(await ok(third)).toBe(true);
    expect(await ok(second)).toBe(false);
    expect(await ok(first)).toBe(false);
    const { secret: fourth } = await rotateApiKey(t.db, admin, key.id, { keepPreviousHours: 24 });
    await revokeApiKey(t.db, admin, key.id);
    expect(await ok(fourth)).toBe(false);
    expect(await ok(third)).toBe(false);
  });

  it('refuses invalid input with field errors and changes nothing', async () => {
    const before = await snapshot();
    const cases: [unknown, string][] = [
      [{ name: '   ', scope: 'read' }, 'name'],
      [{ name: 'x'.repeat(101), scope: 'read' }, 'name'],
      [{ name: 'Ok', scope: 'admin' }, 'scope'],
      [{ name: 'Ok', scope: 'read', rateLimitPerMinute: 0 }, 'rateLimitPerMinute'],
      [{ name: 'Ok', scope: 'read', rateLimitPerMinute: '100001' }, 'rateLimitPerMinute'],
      [{ name: 'Ok', scope: 'read', rateLimitPerMinute: 1.5 }, 'rateLimitPerMinute'],
      [{ name: 'Ok', scope: 'read', campaignIds: [-1] }, 'campaignIds'],
      [{ name: 'Ok', scope: 'read', campaignIds: Array.from({ length: 101 }, (_, i) => i + 1) }, 'campaignIds'],
      [{ name: 'Ok', scope: 'read', campaignIds: [campaignIds[0], 999_999] }, 'campaignIds'],
      [null, 'form'],
    ];
    for (const [input, field] of cases) {
      const error = await createApiKey(t.db, admin, input).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'validation' });
      expect(Object.keys((error as { fields: Record<string, string> }).fields)).toContain(field);
    }
    const { key } = await createApiKey(t.db, admin, { name: 'Valid', scope: 'read' });
    const afterCreate = await snapshot();
    for (const keepPreviousHours of [1, '24', -24, null]) {
      await expect(rotateApiKey(t.db, admin, key.id, { keepPreviousHours })).rejects.toMatchObject({ code: 'validation' });
    }
    expect(await snapshot()).toEqual(afterCreate);
    expect(afterCreate.keys.length).toBe(before.keys.length + 1);
  });

  it('refuses campaigners and viewers (integration.manage is for admins) and changes nothing', async () => {
    const { key } = await createApiKey(t.db, admin, { name: 'Admin key', scope: 'read' });
    const before = await snapshot();
    for (const actor of [campaigner, viewer, { ...admin, active: false }]) {
      await expect(createApiKey(t.db, actor, { name: 'Mine', scope: 'write' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(revokeApiKey(t.db, actor, key.id)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(rotateApiKey(t.db, actor, key.id, { keepPreviousHours: 0 })).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await snapshot()).toEqual(before);
  });
});

it('refuses a name with a control character (a NUL would reach Postgres) with a field error, storing nothing', async () => {
  const before = await t.db.apiKey.count();
  await expect(createApiKey(t.db, admin, { name: 'CRM\u0000sync', scope: 'read' })).rejects.toMatchObject({
    code: 'validation',
    fields: { name: 'invalid_characters' },
  });
  expect(await t.db.apiKey.count()).toBe(before);
});
