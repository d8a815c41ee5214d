import { Webhook } from 'standardwebhooks';
import { planWebhookDeliveries } from './dispatch-webhook-events';
import { signWebhook, webhookRetryDelayMs } from './send-due-webhooks';

describe('planWebhookDeliveries', () => {
  const events = [
    { id: 1n, type: 'signature.created', campaignId: 1 },
    { id: 2n, type: 'signature.created', campaignId: 2 },
    { id: 3n, type: 'person.erased', campaignId: null },
    { id: 4n, type: 'signature.confirmed', campaignId: 1 },
    { id: 5n, type: 'signature.created', campaignId: 1 },
  ];

  it('gives each endpoint the types it subscribes to, in id order, cut into batches of at most batchSize', () => {
    expect(planWebhookDeliveries(events, [{ id: 'a', events: ['signature.created', 'person.erased'], campaignIds: [] }], 2)).toEqual([
      { endpointId: 'a', eventIds: [1n, 2n] },
      { endpointId: 'a', eventIds: [3n, 5n] },
    ]);
  });

  it('applies the campaign filter except to campaignless events (person.erased)', () => {
    expect(planWebhookDeliveries(events, [{ id: 'b', events: ['signature.created', 'person.erased'], campaignIds: [1] }], 100)).toEqual([
      { endpointId: 'b', eventIds: [1n, 3n, 5n] },
    ]);
  });

  it('plans nothing for an endpoint that wants none of the events', () => {
    expect(planWebhookDeliveries(events, [{ id: 'c', events: ['update.sent'], campaignIds: [] }], 100)).toEqual([]);
  });
});

describe('webhookRetryDelayMs', () => {
  it('doubles from the base per attempt, with jitter in the upper half, capped', () => {
    expect(webhookRetryDelayMs(1, 5_000, 3_600_000, () => 0)).toBe(2_500);
    expect(webhookRetryDelayMs(1, 5_000, 3_600_000, () => 1)).toBe(5_000);
    expect(webhookRetryDelayMs(4, 5_000, 3_600_000, () => 1)).toBe(40_000);
    expect(webhookRetryDelayMs(30, 5_000, 3_600_000, () => 1)).toBe(3_600_000);
    expect(webhookRetryDelayMs(1_000, 5_000, 3_600_000, () => 0.5)).toBe(2_700_000);
  });

  it('retries for a day in about 30 attempts with the defaults', () => {
    let total = 0;
    let attempts = 0;
    while (total < 86_400_000) total += webhookRetryDelayMs((attempts += 1), 5_000, 3_600_000, () => 1);
    expect(attempts).toBeGreaterThan(25);
    expect(attempts).toBeLessThan(40);
  });
});

describe('signWebhook', () => {
  const current = `whsec_${Buffer.from('current-secret-0123456789abcdef').toString('base64')}`;
  const previous = `whsec_${Buffer.from('previous-secret-0123456789abcde').toString('base64')}`;
  const at = new Date();
  const headers = (signature: string) => ({
    'webhook-id': 'msg_1',
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  });

  it('produces a signature any Standard Webhooks verifier accepts', () => {
    const signature = signWebhook({ secret: current, previousSecret: null, previousExpiresAt: null }, 'msg_1', at, '[]');
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(current).verify('[]', headers(signature))).toEqual([]);
    expect(() => new Webhook(current).verify('[{}]', headers(signature))).toThrow();
  });

  it('adds the previous secret’s signature only while the rotation overlap lasts', () => {
    const during = signWebhook({ secret: current, previousSecret: previous, previousExpiresAt: new Date(at.getTime() + 60_000) }, 'msg_1', at, '[]');
    expect(during.split(' ')).toHaveLength(2);
    expect(new Webhook(previous).verify('[]', headers(during))).toEqual([]);
    expect(new Webhook(current).verify('[]', headers(during))).toEqual([]);
    const after = signWebhook({ secret: current, previousSecret: previous, previousExpiresAt: new Date(at.getTime() - 1) }, 'msg_1', at, '[]');
    expect(after.split(' ')).toHaveLength(1);
    expect(() => new Webhook(previous).verify('[]', headers(after))).toThrow();
  });
});
