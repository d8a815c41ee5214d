import { useTestDatabase } from '@undersigned/db/testing';
import { createMailer, type Mailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { claimDeliveryRange } from './claim-delivery-range';
import { sendDelivery } from './send-delivery';
import { verifyDeliveryManifest } from './verify-delivery-manifest';

const t = useTestDatabase('verify_manifest');
let sink: SmtpSink;
let mailer: Mailer;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Undersigned <deliveries@undersigned.example>', timeoutMs: 5_000 });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});

async function sentDelivery(count: number) {
  const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', email: 'mayor@sanjose.example', postalCodes: ['95112'] }] });
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
  await seedSignatures(t.db, c.id, { count, comment: '¡Ya basta!' });
  const d = await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'milestone', milestone: 100 });
  const result = await sendDelivery(t.db, { deliveryId: d!.id }, { mailer, databaseUrl: t.url, publicWebUrl: 'http://localhost:3000' });
  expect(result.outcome).toBe('sent');
  return { campaignId: c.id, deliveryId: d!.id };
}

describe('verifyDeliveryManifest', () => {
  it('rebuilds a sent delivery’s rows to the manifest it recorded', async () => {
    const { deliveryId } = await sentDelivery(130);
    const check = await verifyDeliveryManifest(t.db, { deliveryId, databaseUrl: t.url });
    const stored = await t.db.delivery.findUniqueOrThrow({ where: { id: deliveryId } });
    expect(check).toEqual({
      deliveryId,
      ok: true,
      recorded: { count: 130, sha256: stored.manifestSha256 },
      rebuilt: { count: 130, sha256: stored.manifestSha256 },
    });
  });

  it('reports a mismatch when a delivered row no longer counts, and null for an unknown delivery', async () => {
    const { campaignId, deliveryId } = await sentDelivery(110);
    await t.db.$executeRaw`UPDATE signature SET status = 'fraudulent' WHERE id = (SELECT min(id) FROM signature WHERE campaign_id = ${campaignId})`;
    const check = await verifyDeliveryManifest(t.db, { deliveryId, databaseUrl: t.url });
    expect(check).toMatchObject({ ok: false, recorded: { count: 110 }, rebuilt: { count: 109 } });
    expect(await verifyDeliveryManifest(t.db, { deliveryId: '00000000-0000-4000-8000-000000000000', databaseUrl: t.url })).toBeNull();
  });

  it('has nothing to verify for a delivery never sent', async () => {
    const c = await createCampaign(t.db, { targets: [{ title: 'Mayor', email: 'mayor@sanjose.example' }] });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await seedSignatures(t.db, c.id, { count: 100 });
    const d = await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'milestone', milestone: 100 });
    expect(await verifyDeliveryManifest(t.db, { deliveryId: d!.id, databaseUrl: t.url })).toMatchObject({ ok: false, recorded: null });
  });
});
