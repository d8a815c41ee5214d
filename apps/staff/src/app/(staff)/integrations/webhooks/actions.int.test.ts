// The webhook server actions by role, against a real database: only admins (integration.manage)
// get through; viewers, campaigners and deactivated accounts are refused before anything is read
// and nothing changes. The session is next-auth's (a cookie): requireStaff stands in for it here
// with the real permission rules (can), refusing the way it does (Next's 403 signal).
// e2e/staff-access.spec.ts and staff-actions.spec.ts cover the same over HTTP against the build.
import { can, type StaffAction, type StaffActor } from '@undersigned/core';
import { createStaffActor } from '@undersigned/core/testing';
import { useTestDatabase } from '@undersigned/db/testing';

const t = useTestDatabase('staff_webhook_actions');
let caller: StaffActor | null = null;
jest.mock('@/server/current-staff', () => ({
  requireStaff: jest.fn((permission: StaffAction) => {
    if (!caller || !can(caller, permission)) throw new Error('NEXT_HTTP_ERROR_FALLBACK;403');
    return Promise.resolve(caller);
  }),
}));
jest.mock('@undersigned/db', () => ({ ...jest.requireActual<object>('@undersigned/db'), getDb: () => t.db }));
jest.mock('@/server/env', () => ({ staffEnv: () => ({ WEBHOOK_ALLOW_PRIVATE_URLS: false, STAFF_TIME_ZONE: 'UTC' }) }));
jest.mock('next/cache', () => ({ revalidatePath: jest.fn() }));

// Imported after the mocks.
import * as actions from './actions';

let admin: StaffActor;
let viewer: StaffActor;
let campaigner: StaffActor;
beforeAll(async () => {
  admin = await createStaffActor(t.db, { email: 'wh-actions-admin@org.example', role: 'admin' });
  viewer = await createStaffActor(t.db, { email: 'wh-actions-viewer@org.example', role: 'viewer' });
  campaigner = await createStaffActor(t.db, { email: 'wh-actions-campaigner@org.example', role: 'campaigner' });
});

function form(fields: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

const endpointFields = {
  name: 'Action Network',
  url: 'https://93.184.216.34/hooks',
  events: ['signature.created', 'person.erased'],
  campaignScope: 'all',
};

async function snapshot() {
  return {
    endpoints: await t.db.webhookEndpoint.findMany({ orderBy: { id: 'asc' } }),
    deliveries: await t.db.webhookDelivery.findMany({ orderBy: { id: 'asc' } }),
    audit: await t.db.auditLog.count(),
  };
}

describe('webhook server actions by role', () => {
  it('lets an admin add an endpoint: the answer carries the secret once; a private URL is refused with the address and nothing stored', async () => {
    caller = admin;
    const state = await actions.saveWebhookEndpointAction({}, form(endpointFields));
    expect(state).toMatchObject({ ok: true, secret: expect.stringMatching(/^whsec_/), endpointId: expect.any(String) });
    const before = await snapshot();
    const refused = await actions.saveWebhookEndpointAction({}, form({ ...endpointFields, url: 'http://10.0.0.5/hook', events: [] }));
    expect(refused).toMatchObject({
      ok: false,
      fields: { url: '10.0.0.5 is a private address. Webhooks must reach a public address.', events: 'Choose at least one event.' },
    });
    expect(refused).not.toHaveProperty('secret');
    const none = await actions.saveWebhookEndpointAction({}, form({ ...endpointFields, campaignScope: 'some' }));
    expect(none.fields).toEqual({ campaignIds: 'Choose at least one campaign, or “All campaigns”.' });
    expect(await snapshot()).toEqual(before);
  });

  it('refuses viewers, campaigners and deactivated admins every webhook action, and changes nothing', async () => {
    caller = admin;
    const created = await actions.saveWebhookEndpointAction({}, form({ ...endpointFields, name: 'Guarded' }));
    const endpointId = (created as { endpointId: string }).endpointId;
    const delivery = await t.db.webhookDelivery.create({ data: { endpointId, eventIds: [], eventCount: 1, status: 'failed' } });
    const calls: [string, () => Promise<unknown>][] = [
      ['save (create)', () => actions.saveWebhookEndpointAction({}, form(endpointFields))],
      ['save (edit)', () => actions.saveWebhookEndpointAction({}, form({ ...endpointFields, endpointId, name: 'Hijacked' }))],
      ['rotate', () => actions.rotateWebhookSecretAction({}, form({ endpointId, keep: '0' }))],
      ['disable', () => actions.setWebhookEnabledAction({}, form({ endpointId, enabled: 'false' }))],
      ['delete', () => actions.deleteWebhookEndpointAction({}, form({ endpointId }))],
      ['test event', () => actions.sendTestWebhookAction({}, form({ endpointId }))],
      ['redeliver', () => actions.redeliverWebhookAction({}, form({ endpointId, deliveryId: delivery.id }))],
      ['redeliver failed', () => actions.redeliverFailedWebhooksAction({}, form({ endpointId }))],
    ];
    const before = await snapshot();
    for (const who of [viewer, campaigner, { ...admin, active: false }]) {
      caller = who;
      for (const [name, call] of calls) {
        await expect(call().then(() => `${who.role} ${name} allowed`)).rejects.toThrow('403');
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lets an admin test, redeliver, rotate and disable, with answers in words', async () => {
    caller = admin;
    const { endpointId } = (await actions.saveWebhookEndpointAction({}, form({ ...endpointFields, name: 'Ops' }))) as { endpointId: string };
    const delivery = await t.db.webhookDelivery.create({ data: { endpointId, eventIds: [], eventCount: 1, status: 'failed' } });
    expect(await actions.sendTestWebhookAction({}, form({ endpointId }))).toMatchObject({ ok: true });
    expect(await actions.redeliverWebhookAction({}, form({ endpointId, deliveryId: delivery.id }))).toMatchObject({ ok: true });
    expect(await actions.redeliverWebhookAction({}, form({ endpointId, deliveryId: delivery.id }))).toEqual({
      ok: false,
      message: 'This delivery is already queued or being sent.',
      fields: {},
    });
    expect(await actions.rotateWebhookSecretAction({}, form({ endpointId, keep: '24' }))).toMatchObject({
      ok: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(await actions.rotateWebhookSecretAction({}, form({ endpointId, keep: '12' }))).toMatchObject({ ok: false });
    expect(await actions.setWebhookEnabledAction({}, form({ endpointId, enabled: 'false' }))).toMatchObject({ ok: true });
    expect(await actions.sendTestWebhookAction({}, form({ endpointId }))).toMatchObject({
      ok: false,
      message: expect.stringContaining('Enable the endpoint first'),
    });
    expect(await t.db.webhookDelivery.count({ where: { endpointId, test: true } })).toBe(1);
  });
});
