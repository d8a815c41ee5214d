import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { useTestDatabase } from '@undersigned/db/testing';
import { startWebhookReceiver, type WebhookReceiver } from '@undersigned/testing';
import { changeCampaignStatus } from '../campaign-admin/change-campaign-status';
import { erasePerson } from '../people/erase-person';
import { moderateSignatures } from '../people/moderate-signatures';
import { confirmSignature } from '../signatures/confirm-signature';
import { deriveConfirmToken } from '../signatures/confirm-token';
import { getSigningCampaign } from '../signatures/get-signing-campaign';
import { prepareSignature } from '../signatures/prepare-signature';
import { signPetition } from '../signatures/sign-petition';
import { signatureInputSchema } from '../signatures/signature-input';
import { prismaExecutor } from '../signatures/sql-executor';
import { writeSignatures } from '../signatures/write-signatures';
import { createCampaign, createStaffActor, signer } from '../testing/fixtures';
import { dispatchWebhookEvents } from './dispatch-webhook-events';
import type { WebhookEventType } from './event-types';
import { pruneWebhookLog } from './prune-webhook-log';
import { sendDueWebhooks, type SendDueWebhooksOptions } from './send-due-webhooks';

const t = useTestDatabase('webhooks');
const BASE = 'https://petitions.example.org';
const CONFIRM_SECRET = 'webhook-test-confirm-secret-0123456789';
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

let receiver: WebhookReceiver;
let secret: string;
beforeAll(async () => {
  secret = newSecret();
  receiver = await startWebhookReceiver({ secret });
});
afterAll(() => receiver?.close());
beforeEach(async () => {
  receiver.clear();
  receiver.misbehave('ok');
  await t.db.webhookEndpoint.deleteMany();
  await t.db.webhookEvent.deleteMany();
});

const SEND: SendDueWebhooksOptions = { baseUrl: BASE, allowPrivateUrls: true, concurrency: 8, retryBaseMs: 50, retryMaxMs: 200, timeoutMs: 2_000 };

function endpoint(data: { url?: string; events?: WebhookEventType[]; campaignIds?: number[]; includePerson?: boolean; secret?: string } = {}) {
  return t.db.webhookEndpoint.create({
    data: {
      name: 'CRM',
      url: data.url ?? receiver.url,
      events: data.events ?? ['signature.created'],
      campaignIds: data.campaignIds ?? [],
      includePerson: data.includePerson ?? false,
      secret: data.secret ?? secret,
    },
  });
}

/** Dispatch everything (no waiting for fuller batches) and send until nothing is due. */
async function drain(options: Partial<SendDueWebhooksOptions> = {}, batchSize = 100) {
  for (let i = 0; i < 200; i += 1) {
    const d = await dispatchWebhookEvents(t.db, { batchSize, maxWaitMs: 0 });
    const s = await sendDueWebhooks(t.db, { ...SEND, ...options });
    if (d.events === 0 && s.claimed === 0) return;
  }
  throw new Error('webhooks did not drain');
}

async function burst(slug: string, total: number, perStatement = 1_000) {
  const exec = prismaExecutor(t.db);
  const campaign = await getSigningCampaign(exec, slug);
  for (let done = 0; done < total; done += perStatement) {
    const n = Math.min(perStatement, total - done);
    await writeSignatures(
      exec,
      Array.from({ length: n }, () => prepareSignature(campaign, signatureInputSchema.parse(signer()))),
    );
  }
}

describe('the webhook outbox', () => {
  it('writes no event while no enabled endpoint subscribes to the type, and one per signature when one does', async () => {
    const c = await createCampaign(t.db);
    await endpoint({ events: ['signature.confirmed'] });
    await signPetition(t.db, c.slug, signer());
    await t.db.webhookEndpoint.updateMany({ data: { events: ['signature.created'], enabled: false } });
    await signPetition(t.db, c.slug, signer());
    expect(await t.db.webhookEvent.count()).toBe(0);
    await t.db.webhookEndpoint.updateMany({ data: { enabled: true } });
    const signed = await signPetition(t.db, c.slug, signer());
    const events = await t.db.webhookEvent.findMany();
    expect(events).toEqual([
      expect.objectContaining({ type: 'signature.created', campaignId: c.id, signatureId: signed.signatureId, dispatched: false }),
    ]);
    // A repeat signature is not a new one.
    const again = await t.db.signature.findUniqueOrThrow({ where: { id: signed.signatureId }, include: { person: true } });
    await signPetition(t.db, c.slug, signer({ email: again.person.email }));
    expect(await t.db.webhookEvent.count()).toBe(1);
  });

  it('dispatches each event once per matching endpoint, in batches of at most batchSize, honouring campaign filters', async () => {
    const [a, b] = [await createCampaign(t.db), await createCampaign(t.db)];
    const all = await endpoint();
    const onlyA = await endpoint({ campaignIds: [a.id] });
    const erasures = await endpoint({ events: ['person.erased'], campaignIds: [b.id] });
    await burst(a.slug, 250);
    await burst(b.slug, 30);
    await t.db.webhookEvent.create({ data: { type: 'person.erased', personId: 1 } });
    // Young, partial batches wait for more (T); whole ones leave at once.
    expect(await dispatchWebhookEvents(t.db, { batchSize: 100, maxWaitMs: 60_000 })).toEqual({ events: 200, deliveries: 4, waiting: true });
    expect(await dispatchWebhookEvents(t.db, { batchSize: 100, maxWaitMs: 60_000 })).toEqual({ events: 0, deliveries: 0, waiting: true });
    expect(await dispatchWebhookEvents(t.db, { batchSize: 100, maxWaitMs: 0 })).toMatchObject({ events: 81, waiting: false });
    const deliveries = await t.db.webhookDelivery.findMany();
    const ids = (endpointId: string) => deliveries.filter((d) => d.endpointId === endpointId).flatMap((d) => d.eventIds.map(String));
    expect(ids(all.id)).toHaveLength(280);
    expect(new Set(ids(all.id)).size).toBe(280);
    expect(ids(onlyA.id)).toHaveLength(250);
    expect(ids(erasures.id)).toHaveLength(1);
    expect(deliveries.every((d) => d.eventCount === d.eventIds.length && d.eventCount <= 100)).toBe(true);
    expect(await t.db.webhookEvent.count({ where: { dispatched: false } })).toBe(0);
  });

  it('lets concurrent dispatchers share the outbox without repeating an event', async () => {
    const c = await createCampaign(t.db);
    await endpoint();
    await burst(c.slug, 2_000);
    await Promise.all(Array.from({ length: 4 }, () => dispatchWebhookEvents(t.db, { batchSize: 50, maxWaitMs: 0, maxEvents: 300 })));
    await dispatchWebhookEvents(t.db, { batchSize: 50, maxWaitMs: 0 });
    const ids = (await t.db.webhookDelivery.findMany()).flatMap((d) => d.eventIds.map(String));
    expect(ids).toHaveLength(2_000);
    expect(new Set(ids).size).toBe(2_000);
  });
});

describe('sending', () => {
  it('delivers a 10,000-signature burst: every event exactly once after dedupe by webhook-id, in at most one POST per 50 events', async () => {
    const c = await createCampaign(t.db);
    await endpoint();
    await burst(c.slug, 10_000);
    await drain();
    const unique = receiver.uniqueEvents();
    expect(receiver.rejected).toBe(0);
    expect(unique).toHaveLength(10_000);
    expect(new Set(unique.map((e) => e.id)).size).toBe(10_000);
    expect(receiver.posts.length).toBeLessThanOrEqual(10_000 / 50);
    const signatures = await t.db.signature.findMany({ where: { campaignId: c.id }, select: { id: true } });
    expect(new Set(unique.map((e) => (e['osdi:signature'] as { identifiers: string[] }).identifiers[0]))).toEqual(
      new Set(signatures.map((s) => `undersigned:${s.id}`)),
    );
    expect(await t.db.webhookDelivery.count({ where: { status: { not: 'succeeded' } } })).toBe(0);
  });

  it('signs with the Standard Webhooks scheme (a tampered body or a wrong secret is rejected by the receiver)', async () => {
    const c = await createCampaign(t.db);
    await endpoint({ includePerson: true });
    await signPetition(t.db, c.slug, signer({ givenName: 'Lucía' }));
    await drain();
    expect(receiver.uniqueEvents()).toEqual([
      expect.objectContaining({
        type: 'signature.created',
        'osdi:signature': expect.objectContaining({ status: 'confirmed', origin_system: 'Undersigned' }),
        'osdi:person': expect.objectContaining({ given_name: 'Lucía' }),
        'osdi:petition': expect.objectContaining({ title: 'Test petition' }),
      }),
    ]);
    // Replay the same delivery tampered, and signed with another secret: both refused.
    const [post] = receiver.posts;
    const headers = { 'content-type': 'application/json', 'webhook-id': post!.webhookId, 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    const { signWebhook } = await import('./send-due-webhooks');
    const body = JSON.stringify(receiver.uniqueEvents());
    const forged = body.replace('Lucía', 'Mallory');
    const sig = signWebhook(
      { secret, previousSecret: null, previousExpiresAt: null },
      post!.webhookId,
      new Date(Number(headers['webhook-timestamp']) * 1000),
      body,
    );
    const other = signWebhook({ secret: newSecret(), previousSecret: null, previousExpiresAt: null }, post!.webhookId, new Date(), forged);
    for (const [b, s] of [
      [forged, sig],
      [forged, other],
    ] as const) {
      const res = await fetch(receiver.url, { method: 'POST', headers: { ...headers, 'webhook-signature': s }, body: b });
      expect(res.status).toBe(401);
    }
    expect(receiver.rejected).toBe(2);
    expect(receiver.uniqueEvents()).toHaveLength(1);
  });

  it('signs with both secrets during a rotation overlap, so a receiver still on the old one verifies', async () => {
    const c = await createCampaign(t.db);
    const old = newSecret();
    const oldReceiver = await startWebhookReceiver({ secret: old });
    try {
      await endpoint({ url: oldReceiver.url });
      await t.db.webhookEndpoint.updateMany({
        data: { secret: newSecret(), previousSecret: old, previousExpiresAt: new Date(Date.now() + 3600_000) },
      });
      await signPetition(t.db, c.slug, signer());
      await drain();
      expect(oldReceiver.rejected).toBe(0);
      expect(oldReceiver.uniqueEvents()).toHaveLength(1);
      // After the overlap the old secret no longer verifies.
      await t.db.webhookEndpoint.updateMany({ data: { previousExpiresAt: new Date(Date.now() - 1_000) } });
      await signPetition(t.db, c.slug, signer());
      await dispatchWebhookEvents(t.db, { maxWaitMs: 0 });
      await sendDueWebhooks(t.db, SEND);
      expect(oldReceiver.rejected).toBe(1);
    } finally {
      await oldReceiver.close();
    }
  });

  it('sends every other event type once: confirmed, removed by moderation and by erasure (no personal data), person erased, campaign status changed', async () => {
    const admin = await createStaffActor(t.db, { email: `admin-${Date.now()}@example.org`, role: 'admin' });
    const c = await createCampaign(t.db, { requireConfirmation: true });
    await endpoint({ events: ['signature.confirmed', 'signature.removed', 'person.erased', 'campaign.status_changed'], includePerson: true });
    const pending = await signPetition(t.db, c.slug, signer(), { confirmSecret: CONFIRM_SECRET });
    await confirmSignature(t.db, deriveConfirmToken(pending.shareCode, CONFIRM_SECRET));
    const spam = await signPetition(t.db, c.slug, signer(), { confirmSecret: CONFIRM_SECRET });
    await moderateSignatures(t.db, admin, { selection: { campaignId: c.id, ids: [spam.signatureId] }, status: 'fraudulent' });
    const gone = await signPetition(t.db, c.slug, signer({ givenName: 'Erased', familyName: 'Person' }), { confirmSecret: CONFIRM_SECRET });
    const goneRow = await t.db.signature.findUniqueOrThrow({ where: { id: gone.signatureId } });
    await erasePerson(t.db, admin, { personId: goneRow.personId });
    await changeCampaignStatus(t.db, admin, { campaignId: c.id, action: 'close' });
    await drain();

    const events = receiver.uniqueEvents();
    expect(events.map((e) => e.type)).toEqual([
      'signature.confirmed',
      'signature.removed',
      'signature.removed',
      'person.erased',
      'campaign.status_changed',
    ]);
    expect(events[0]).toMatchObject({ 'osdi:signature': { status: 'confirmed' }, 'osdi:person': { email_addresses: [expect.anything()] } });
    expect(events[1]).toMatchObject({ reason: 'fraudulent', 'osdi:signature': { status: 'fraudulent' } });
    expect(events[2]).toEqual({
      id: expect.stringMatching(/^evt_\d+$/),
      type: 'signature.removed',
      created_date: expect.any(String),
      reason: 'erasure',
      'osdi:petition': expect.objectContaining({ identifiers: [`undersigned:${c.id}`, `undersigned_slug:${c.slug}`] }),
      'osdi:signature': {
        identifiers: [`undersigned:${gone.signatureId}`],
        status: 'removed',
        _links: { 'osdi:petition': expect.anything(), 'osdi:person': { href: `${BASE}/api/v1/people/${goneRow.personId}` } },
      },
    });
    expect(events[3]).toEqual({
      id: expect.any(String),
      type: 'person.erased',
      created_date: expect.any(String),
      'osdi:person': { identifiers: [`undersigned:${goneRow.personId}`] },
    });
    expect(JSON.stringify(events.slice(2, 4))).not.toMatch(/Erased|Person|@example\.org/);
    expect(events[4]).toMatchObject({
      status_change: { from: 'published', to: 'closed' },
      'osdi:petition': { identifiers: [`undersigned:${c.id}`, `undersigned_slug:${c.slug}`] },
    });
  });

  it('retries a receiver answering 500 with backoff and delivers everything once it recovers', async () => {
    const c = await createCampaign(t.db);
    const ep = await endpoint();
    await burst(c.slug, 300);
    receiver.misbehave('error', Date.now() + 1_500);
    const started = Date.now();
    while (Date.now() - started < 5_000 && receiver.uniqueEvents().length < 300) {
      await dispatchWebhookEvents(t.db, { maxWaitMs: 0 });
      await sendDueWebhooks(t.db, SEND);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(receiver.posts.some((p) => p.status === 500)).toBe(true);
    expect(new Set(receiver.uniqueEvents().map((e) => e.id)).size).toBe(300);
    const attempts = await t.db.webhookAttempt.findMany({ orderBy: { id: 'asc' } });
    expect(attempts.some((a) => !a.ok && a.statusCode === 500 && a.detail === 'receiver is down')).toBe(true);
    expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).failingSince).toBeNull();
  });

  it('disables an endpoint failing past the give-up window and fails its pending deliveries', async () => {
    const c = await createCampaign(t.db);
    const ep = await endpoint();
    await burst(c.slug, 10);
    receiver.misbehave('error');
    const options = { ...SEND, giveUpMs: 400 };
    await dispatchWebhookEvents(t.db, { maxWaitMs: 0, batchSize: 5 });
    const started = Date.now();
    // Events keep arriving, as they do on a live campaign: the endpoint is judged on a send that
    // happens past the window. (With only the first 10, every delivery could give up before the
    // endpoint's own window ran out, when the first attempt came late on a busy machine.)
    while (Date.now() - started < 5_000 && (await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } })).enabled) {
      await burst(c.slug, 1);
      await dispatchWebhookEvents(t.db, { maxWaitMs: 0, batchSize: 5 });
      await sendDueWebhooks(t.db, options);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const row = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: ep.id } });
    expect(row).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/^Disabled automatically: failing since .*HTTP 500: receiver is down/),
    });
    expect(await t.db.webhookDelivery.count({ where: { status: { in: ['pending', 'sending'] } } })).toBe(0);
    expect(receiver.uniqueEvents()).toHaveLength(0);
  });
});

describe('an endpoint deleted while a POST is in flight', () => {
  it('records nothing and fails nothing (its deliveries went with it)', async () => {
    const c = await createCampaign(t.db);
    const ep = await endpoint();
    await signPetition(t.db, c.slug, signer());
    await dispatchWebhookEvents(t.db, { maxWaitMs: 0 });
    receiver.misbehave('hang');
    const sending = sendDueWebhooks(t.db, { ...SEND, timeoutMs: 500 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await t.db.webhookEndpoint.delete({ where: { id: ep.id } });
    await expect(sending).resolves.toMatchObject({ claimed: 1, succeeded: 0, retrying: 0, failed: 0 });
    expect(await t.db.webhookAttempt.count({ where: { delivery: { endpointId: ep.id } } })).toBe(0);
  });
});

describe('security of the sender', () => {
  it.each([
    'http://127.0.0.1:9/x',
    'http://[::1]:9/x',
    'http://10.0.0.1/x',
    'http://192.168.1.1/x',
    'http://169.254.169.254/latest/meta-data/',
    'http://localhost:9/x',
  ])('refuses %s at send time without connecting (private URLs not allowed)', async (url) => {
    const c = await createCampaign(t.db);
    await endpoint({ url });
    await signPetition(t.db, c.slug, signer());
    await dispatchWebhookEvents(t.db, { maxWaitMs: 0 });
    const r = await sendDueWebhooks(t.db, { ...SEND, allowPrivateUrls: false });
    expect(r).toMatchObject({ claimed: 1, retrying: 1 });
    const [attempt] = await t.db.webhookAttempt.findMany({ where: { delivery: { endpoint: { url } } } });
    expect(attempt).toMatchObject({
      ok: false,
      statusCode: null,
      latencyMs: 0,
      detail: expect.stringMatching(/^Refused before connecting: .*(loopback|private|metadata)/),
    });
  });

  it('the filtering agent refuses a private address at connect time even when the URL check is skipped', async () => {
    const { postWebhook } = await import('./post-webhook');
    const r = await postWebhook({ url: receiver.url, headers: {}, body: '[]' });
    expect(r).toMatchObject({ ok: false, statusCode: null, detail: expect.stringContaining('is not allowed') });
    expect(receiver.posts).toHaveLength(0);
  });

  it('does not follow redirects, honours the timeout and reads at most 4 KB of an answer', async () => {
    let mode: 'redirect' | 'hang' | 'huge' = 'redirect';
    let hugeBytesSent = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      if (mode === 'redirect') res.writeHead(302, { location: receiver.url }).end();
      else if (mode === 'huge') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        const chunk = 'x'.repeat(16_384);
        const pump = () => {
          while (hugeBytesSent < 50_000_000 && res.write(chunk)) hugeBytesSent += chunk.length;
          if (hugeBytesSent >= 50_000_000) res.end();
        };
        res.on('drain', pump);
        res.on('close', () => res.off('drain', pump));
        pump();
      }
      // hang: never answer
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const c = await createCampaign(t.db);
      await endpoint({ url });
      await signPetition(t.db, c.slug, signer());
      await dispatchWebhookEvents(t.db, { maxWaitMs: 0 });
      const last = async () => (await t.db.webhookAttempt.findMany({ orderBy: { id: 'desc' }, take: 1 }))[0]!;
      const next = async (options: Partial<SendDueWebhooksOptions> = {}) => {
        await t.db.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date(0) } });
        await sendDueWebhooks(t.db, { ...SEND, ...options });
        return last();
      };

      expect(await next()).toMatchObject({ ok: false, statusCode: 302, detail: expect.stringContaining('not followed') });
      expect(receiver.posts).toHaveLength(0);

      mode = 'hang';
      const started = Date.now();
      expect(await next({ timeoutMs: 300 })).toMatchObject({ ok: false, statusCode: null, detail: 'Timed out after 300 ms' });
      expect(Date.now() - started).toBeLessThan(2_000);

      mode = 'huge';
      const attempt = await next();
      expect(attempt).toMatchObject({ ok: true, statusCode: 200 });
      expect(attempt.detail!.length).toBeLessThanOrEqual(1_001);
      expect(hugeBytesSent).toBeLessThan(50_000_000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('pruneWebhookLog', () => {
  it('removes finished deliveries and dispatched events past the retention, never pending ones', async () => {
    const ep = await endpoint();
    const old = new Date(Date.now() - 31 * 24 * 3600_000);
    await t.db.webhookEvent.createMany({
      data: [
        { type: 'person.erased', personId: 1, dispatched: true, createdAt: old },
        { type: 'person.erased', personId: 2, dispatched: false, createdAt: old },
      ],
    });
    await t.db.webhookDelivery.createMany({
      data: [
        { endpointId: ep.id, eventIds: [], eventCount: 0, status: 'succeeded', createdAt: old },
        { endpointId: ep.id, eventIds: [], eventCount: 0, status: 'pending', createdAt: old },
        { endpointId: ep.id, eventIds: [], eventCount: 0, status: 'failed' },
      ],
    });
    expect(await pruneWebhookLog(t.db)).toEqual({ deliveries: 1, events: 1, more: false });
    expect(await t.db.webhookDelivery.count()).toBe(2);
    expect(await t.db.webhookEvent.count()).toBe(1);
  });
});
