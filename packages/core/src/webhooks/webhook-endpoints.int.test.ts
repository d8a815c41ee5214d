import { useTestDatabase } from '@undersigned/db/testing';
import { Webhook } from 'standardwebhooks';
import type { StaffActor } from '../authorization/permissions';
import { createCampaign, createStaffActor } from '../testing/fixtures';
import { createWebhookEndpoint } from './create-webhook-endpoint';
import { deleteWebhookEndpoint } from './delete-webhook-endpoint';
import { getWebhookEndpoint } from './get-webhook-endpoint';
import { listDisabledWebhookNotices } from './list-disabled-webhook-notices';
import { listWebhookDeliveries } from './list-webhook-deliveries';
import { listWebhookEndpoints } from './list-webhook-endpoints';
import { redeliverFailedWebhooks } from './redeliver-failed-webhooks';
import { redeliverWebhook } from './redeliver-webhook';
import { rotateWebhookSecret } from './rotate-webhook-secret';
import { sendTestWebhookEvent } from './send-test-webhook-event';
import { setWebhookEndpointEnabled } from './set-webhook-endpoint-enabled';
import { updateWebhookEndpoint } from './update-webhook-endpoint';

const t = useTestDatabase('webhook_endpoints');
let admin: StaffActor;
let campaigner: StaffActor;
let viewer: StaffActor;
beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'wh-admin@org.example', role: 'admin' });
  campaigner = await createStaffActor(t.db, { email: 'wh-campaigner@org.example', role: 'campaigner' });
  viewer = await createStaffActor(t.db, { email: 'wh-viewer@org.example', role: 'viewer' });
});

/** DNS as the tests want it (no network needed): a public CRM, and a name that points inside. */
const DNS: Record<string, string[]> = {
  'hooks.crm.example': ['93.184.216.34'],
  'internal.crm.example': ['10.0.0.5'],
  'rebind.crm.example': ['93.184.216.34', '127.0.0.1'],
};
const policy = {
  lookup: (host: string) => (DNS[host] ? Promise.resolve(DNS[host]) : Promise.reject(Object.assign(new Error('nx'), { code: 'ENOTFOUND' }))),
};
const valid = (patch: Record<string, unknown> = {}) => ({
  name: 'Action Network',
  url: 'https://hooks.crm.example/undersigned',
  events: ['signature.created', 'person.erased'],
  ...patch,
});

/** Every audit entry about webhooks, as text: none may hold a secret. */
async function webhookAuditText(): Promise<string> {
  const rows = await t.db.auditLog.findMany({ where: { action: { startsWith: 'webhook.' } } });
  return JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

async function stateSnapshot() {
  return {
    endpoints: await t.db.webhookEndpoint.findMany({ orderBy: { id: 'asc' } }),
    deliveries: await t.db.webhookDelivery.findMany({ orderBy: { id: 'asc' } }),
    audits: await t.db.auditLog.count(),
  };
}

describe('webhook endpoints (admins)', () => {
  it('creates an endpoint and returns a Standard Webhooks secret once: stored, never listed, never audited', async () => {
    const c = await createCampaign(t.db);
    const { endpoint, secret } = await createWebhookEndpoint(t.db, admin, valid({ campaignIds: [String(c.id)], includePerson: true }), policy);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    // Any Standard Webhooks verifier accepts it: sign with the package, verify with the package.
    const wh = new Webhook(secret);
    const at = new Date();
    const signature = wh.sign('msg_1', at, '{"ok":true}');
    expect(
      wh.verify('{"ok":true}', {
        'webhook-id': 'msg_1',
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      }),
    ).toEqual({
      ok: true,
    });
    expect(endpoint).toMatchObject({
      name: 'Action Network',
      url: 'https://hooks.crm.example/undersigned',
      events: ['signature.created', 'person.erased'],
      campaignIds: [c.id],
      includePerson: true,
      enabled: true,
    });
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret).toBe(secret);
    const shown = JSON.stringify([endpoint, await getWebhookEndpoint(t.db, endpoint.id), await listWebhookEndpoints(t.db)]);
    expect(shown).not.toContain(secret);
    expect(shown).not.toContain('whsec_');
    expect(shown).not.toMatch(/"secret"|previousSecret"/);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'webhook.create', entityId: endpoint.id } });
    expect(audit.actorId).toBe(admin.id);
    expect(await webhookAuditText()).not.toContain('whsec_');
  });

  it('refuses private, loopback, metadata and unresolvable URLs at create and at update, naming the address, and stores nothing', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Kept' }), policy);
    const before = await stateSnapshot();
    const refused: [string, RegExp][] = [
      ['http://10.0.0.5/hook', /10\.0\.0\.5 is a private address\. Webhooks must reach a public address\./],
      ['http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/],
      ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254/],
      ['http://[::1]/hook', /loopback/],
      ['https://localhost/hook', /localhost is a loopback name/],
      ['https://internal.crm.example/hook', /internal\.crm\.example resolves to 10\.0\.0\.5, a private address/],
      ['https://rebind.crm.example/hook', /127\.0\.0\.1/],
      ['https://nowhere.invalid/hook', /does not resolve/],
    ];
    for (const [url, message] of refused) {
      await expect(createWebhookEndpoint(t.db, admin, valid({ url }), policy)).rejects.toMatchObject({
        code: 'validation',
        fields: { url: expect.stringMatching(message) },
      });
      await expect(updateWebhookEndpoint(t.db, admin, endpoint.id, valid({ url }), policy)).rejects.toMatchObject({
        code: 'validation',
        fields: { url: expect.stringMatching(message) },
      });
    }
    // With other fields wrong too, the URL's refusal is reported at once, beside theirs.
    await expect(createWebhookEndpoint(t.db, admin, valid({ url: 'http://10.0.0.5/hook', events: [] }), policy)).rejects.toMatchObject({
      fields: { events: 'events_required', url: expect.stringMatching(/10\.0\.0\.5 is a private address/) },
    });
    expect(await stateSnapshot()).toEqual(before);
    // The development setting lets a local receiver in (the scheme rules still hold).
    const local = await createWebhookEndpoint(t.db, admin, valid({ url: 'http://127.0.0.1:4010/hook' }), { ...policy, allowPrivateUrls: true });
    expect(local.endpoint.url).toBe('http://127.0.0.1:4010/hook');
    await expect(createWebhookEndpoint(t.db, admin, valid({ url: 'ftp://127.0.0.1/hook' }), { allowPrivateUrls: true })).rejects.toMatchObject({
      fields: { url: 'invalid_url' },
    });
  });

  it('validates name, URL, events and campaigns with field keys, and writes nothing', async () => {
    const before = await stateSnapshot();
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ name: '' }, { name: 'required' }],
      [{ name: 'x'.repeat(101) }, { name: 'too_long' }],
      [{ url: 'javascript:alert(1)' }, { url: 'invalid_url' }],
      [{ url: `https://hooks.crm.example/${'a'.repeat(2000)}` }, { url: 'too_long' }],
      [{ events: [] }, { events: 'events_required' }],
      [{ events: ['signature.created', 'signature.deleted'] }, { events: 'unknown_event' }],
      [{ events: ['webhook.test'] }, { events: 'unknown_event' }],
      [{ campaignIds: ['abc'] }, { campaignIds: 'invalid_campaign' }],
      [{ campaignIds: [2_000_000_000] }, { campaignIds: 'invalid_campaign' }],
      [{ includePerson: 'yes' }, { includePerson: 'required' }],
    ];
    for (const [patch, fields] of cases) {
      await expect(createWebhookEndpoint(t.db, admin, valid(patch), policy)).rejects.toMatchObject({ code: 'validation', fields });
    }
    expect(await stateSnapshot()).toEqual(before);
  });

  it('updates the fields (URL re-checked) and audits what changed, never the secret', async () => {
    const { endpoint, secret } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Before' }), policy);
    const updated = await updateWebhookEndpoint(
      t.db,
      admin,
      endpoint.id,
      valid({ name: 'After', events: ['campaign.status_changed'], includePerson: false }),
      policy,
    );
    expect(updated).toMatchObject({ name: 'After', events: ['campaign.status_changed'] });
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).secret).toBe(secret);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'webhook.update', entityId: endpoint.id } });
    expect(audit.data).toEqual({ changed: ['name', 'events'], name: 'After', events: ['campaign.status_changed'] });
    await expect(updateWebhookEndpoint(t.db, admin, '00000000-0000-4000-8000-000000000000', valid(), policy)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(updateWebhookEndpoint(t.db, admin, 'not-a-uuid', valid(), policy)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('rotates the secret keeping the previous one for 24 hours, or dropping it at once', async () => {
    const { endpoint, secret: first } = await createWebhookEndpoint(t.db, admin, valid(), policy);
    const { secret: second } = await rotateWebhookSecret(t.db, admin, endpoint.id, { keepPreviousHours: 24 });
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    let row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ secret: second, previousSecret: first });
    expect(row.previousExpiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(row.previousExpiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);
    expect((await getWebhookEndpoint(t.db, endpoint.id))?.previousSecretExpiresAt).toEqual(row.previousExpiresAt);

    const { secret: third } = await rotateWebhookSecret(t.db, admin, endpoint.id, { keepPreviousHours: 0 });
    row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row).toMatchObject({ secret: third, previousSecret: null, previousExpiresAt: null });
    const text = await webhookAuditText();
    for (const s of [first, second, third]) expect(text).not.toContain(s.slice(6));
    expect(await t.db.auditLog.count({ where: { action: 'webhook.rotate_secret', entityId: endpoint.id } })).toBe(2);
  });

  it('redelivers a finished delivery as the same delivery (same webhook-id), pending and due now', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid(), policy);
    const old = new Date(Date.now() - 2 * 86_400_000);
    const failed = await t.db.webhookDelivery.create({
      data: {
        endpointId: endpoint.id,
        eventIds: [],
        eventCount: 3,
        status: 'failed',
        attempts: 12,
        nextAttemptAt: old,
        lastStatusCode: 500,
        createdAt: old,
      },
    });
    const succeeded = await t.db.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventIds: [], eventCount: 1, status: 'succeeded', attempts: 1, succeededAt: old, createdAt: old },
    });
    const pending = await t.db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventIds: [], eventCount: 1 } });
    for (const d of [failed, succeeded]) {
      await redeliverWebhook(t.db, admin, d.id);
      const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ id: d.id, status: 'pending', attempts: d.attempts, eventCount: d.eventCount, succeededAt: null });
      expect(Math.abs(row.nextAttemptAt.getTime() - Date.now())).toBeLessThan(10_000);
    }
    expect(await t.db.webhookDelivery.count({ where: { endpointId: endpoint.id } })).toBe(3);
    await expect(redeliverWebhook(t.db, admin, pending.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(redeliverWebhook(t.db, admin, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'not_found' });
    expect(await t.db.auditLog.count({ where: { action: 'webhook.redeliver', entityId: endpoint.id } })).toBe(2);
  });

  it('redelivers every failed delivery of an endpoint, and refuses while the endpoint is disabled', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid(), policy);
    const { endpoint: other } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Other' }), policy);
    await t.db.webhookDelivery.createMany({
      data: [
        { endpointId: endpoint.id, eventIds: [], eventCount: 1, status: 'failed' },
        { endpointId: endpoint.id, eventIds: [], eventCount: 1, status: 'failed' },
        { endpointId: endpoint.id, eventIds: [], eventCount: 1, status: 'succeeded' },
        { endpointId: other.id, eventIds: [], eventCount: 1, status: 'failed' },
      ],
    });
    await setWebhookEndpointEnabled(t.db, admin, endpoint.id, false);
    await expect(redeliverFailedWebhooks(t.db, admin, endpoint.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(sendTestWebhookEvent(t.db, admin, endpoint.id)).rejects.toMatchObject({ code: 'conflict' });
    await setWebhookEndpointEnabled(t.db, admin, endpoint.id, true);
    expect(await redeliverFailedWebhooks(t.db, admin, endpoint.id)).toEqual({ count: 2 });
    expect(await t.db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: 'pending' } })).toBe(2);
    expect(await t.db.webhookDelivery.count({ where: { endpointId: other.id, status: 'failed' } })).toBe(1);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'webhook.redeliver_failed', entityId: endpoint.id } });
    expect(audit.data).toEqual({ count: 2 });
  });

  it('queues a test event as a test delivery of one event without outbox rows', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid(), policy);
    const { deliveryId } = await sendTestWebhookEvent(t.db, admin, endpoint.id);
    const row = await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(row).toMatchObject({ endpointId: endpoint.id, test: true, eventIds: [], eventCount: 1, status: 'pending', attempts: 0 });
    expect(Math.abs(row.nextAttemptAt.getTime() - Date.now())).toBeLessThan(10_000);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'webhook.test', entityId: endpoint.id } });
    expect(audit.data).toEqual({ deliveryId });
    const page = await listWebhookDeliveries(t.db, endpoint.id);
    expect(page.deliveries[0]).toMatchObject({
      id: deliveryId,
      webhookId: `msg_${deliveryId}`,
      test: true,
      eventTypes: [{ type: 'webhook.test', count: 1 }],
    });
  });

  it('lists the delivery log newest first in keyset pages, with attempts, event types and a status filter', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid(), policy);
    const events = await Promise.all(
      ['signature.created', 'signature.created', 'person.erased'].map((type) => t.db.webhookEvent.create({ data: { type, dispatched: true } })),
    );
    const base = Date.now() - 3600_000;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const d = await t.db.webhookDelivery.create({
        data: {
          endpointId: endpoint.id,
          eventIds: i === 6 ? events.map((e) => e.id) : [],
          eventCount: i === 6 ? 3 : 1,
          status: i % 2 ? 'failed' : 'succeeded',
          attempts: 2,
          // Two share a timestamp: the id breaks the tie, nothing is skipped or repeated.
          createdAt: new Date(base + (i === 5 ? 4 : i) * 1000),
        },
      });
      ids.push(d.id);
      await t.db.webhookAttempt.createMany({
        data: [
          { deliveryId: d.id, attempt: 1, statusCode: 503, latencyMs: 120, detail: 'Service Unavailable', ok: false },
          { deliveryId: d.id, attempt: 2, statusCode: i % 2 ? 500 : 204, latencyMs: 80, detail: null, ok: !(i % 2) },
        ],
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listWebhookDeliveries(t.db, endpoint.id, { cursor, limit: 3 });
      seen.push(...page.deliveries.map((d) => d.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    expect(seen.sort()).toEqual([...ids].sort());
    const first = (await listWebhookDeliveries(t.db, endpoint.id, { limit: 1 })).deliveries[0]!;
    expect(first.eventTypes).toEqual(
      expect.arrayContaining([
        { type: 'signature.created', count: 2 },
        { type: 'person.erased', count: 1 },
      ]),
    );
    expect(first.attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 503, latencyMs: 120, detail: 'Service Unavailable', ok: false }),
      expect.objectContaining({ attempt: 2, statusCode: 204, ok: true }),
    ]);
    const failed = await listWebhookDeliveries(t.db, endpoint.id, { status: 'failed' });
    expect(failed.deliveries.map((d) => d.status)).toEqual(['failed', 'failed', 'failed']);
    expect(await listWebhookDeliveries(t.db, endpoint.id, { cursor: 'garbage' })).toMatchObject({ nextCursor: null });
    expect(await listWebhookDeliveries(t.db, 'not-a-uuid')).toEqual({ deliveries: [], nextCursor: null });

    const listed = (await listWebhookEndpoints(t.db)).find((e) => e.id === endpoint.id)!;
    expect(listed).toMatchObject({ failedCount: 3, pendingCount: 0, lastDelivery: { status: 'succeeded', statusCode: null, test: false } });
  });

  it('disables and enables: only a sender-disabled endpoint makes a notice, and enabling clears the failure state', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Flaky CRM' }), policy);
    await setWebhookEndpointEnabled(t.db, admin, endpoint.id, false);
    expect(await getWebhookEndpoint(t.db, endpoint.id)).toMatchObject({ enabled: false, disabledReason: null, disabledAt: expect.any(Date) });
    expect((await listDisabledWebhookNotices(t.db)).map((n) => n.id)).not.toContain(endpoint.id);
    // What the sender does after a day of failures.
    const since = new Date(Date.now() - 25 * 3600_000);
    await t.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { enabled: false, disabledAt: new Date(), disabledReason: 'Failing for 24 hours (last: HTTP 500).', failingSince: since },
    });
    expect(await listDisabledWebhookNotices(t.db)).toEqual(
      expect.arrayContaining([
        { id: endpoint.id, name: 'Flaky CRM', disabledAt: expect.any(Date), reason: 'Failing for 24 hours (last: HTTP 500).' },
      ]),
    );
    await setWebhookEndpointEnabled(t.db, admin, endpoint.id, true);
    expect(await getWebhookEndpoint(t.db, endpoint.id)).toMatchObject({ enabled: true, disabledAt: null, disabledReason: null, failingSince: null });
    expect((await listDisabledWebhookNotices(t.db)).map((n) => n.id)).not.toContain(endpoint.id);
    expect(await t.db.auditLog.count({ where: { action: { in: ['webhook.enable', 'webhook.disable'] }, entityId: endpoint.id } })).toBe(2);
  });

  it('deletes an endpoint with its deliveries and attempts, audited', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Gone' }), policy);
    const d = await t.db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventIds: [], eventCount: 1 } });
    await t.db.webhookAttempt.create({ data: { deliveryId: d.id, attempt: 1, latencyMs: 5, ok: false } });
    await deleteWebhookEndpoint(t.db, admin, endpoint.id);
    expect(await getWebhookEndpoint(t.db, endpoint.id)).toBeNull();
    expect(await t.db.webhookDelivery.count({ where: { id: d.id } })).toBe(0);
    expect(await t.db.webhookAttempt.count({ where: { deliveryId: d.id } })).toBe(0);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: 'webhook.delete', entityId: endpoint.id } });
    expect(audit.data).toEqual({ name: 'Gone', url: 'https://hooks.crm.example/undersigned' });
    await expect(deleteWebhookEndpoint(t.db, admin, endpoint.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses campaigners and viewers every change, and changes nothing', async () => {
    const { endpoint } = await createWebhookEndpoint(t.db, admin, valid({ name: 'Guarded' }), policy);
    const d = await t.db.webhookDelivery.create({ data: { endpointId: endpoint.id, eventIds: [], eventCount: 1, status: 'failed' } });
    const before = await stateSnapshot();
    for (const actor of [campaigner, viewer, { ...admin, active: false }]) {
      const calls = [
        () => createWebhookEndpoint(t.db, actor, valid(), policy),
        () => updateWebhookEndpoint(t.db, actor, endpoint.id, valid({ name: 'Hijacked' }), policy),
        () => setWebhookEndpointEnabled(t.db, actor, endpoint.id, false),
        () => deleteWebhookEndpoint(t.db, actor, endpoint.id),
        () => rotateWebhookSecret(t.db, actor, endpoint.id, { keepPreviousHours: 0 }),
        () => redeliverWebhook(t.db, actor, d.id),
        () => redeliverFailedWebhooks(t.db, actor, endpoint.id),
        () => sendTestWebhookEvent(t.db, actor, endpoint.id),
      ];
      for (const call of calls) await expect(call()).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect(await stateSnapshot()).toEqual(before);
  });
});
