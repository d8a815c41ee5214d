/**
 * The events an endpoint can subscribe to (apps/web/README.md, "Webhooks"). The payload of each is
 * an OSDI-shaped object; see buildWebhookPayload.
 */
export const WEBHOOK_EVENT_TYPES = [
  'signature.created',
  'signature.confirmed',
  'signature.removed',
  'person.erased',
  'delivery.sent',
  'update.sent',
  'campaign.status_changed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Sent only by "Send a test event" in the staff app, whatever the endpoint subscribes to. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

/** Labels for the staff app's checkboxes and log. */
export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  'signature.created': 'Signature created',
  'signature.confirmed': 'Signature confirmed by email',
  'signature.removed': 'Signature removed (moderation or erasure)',
  'person.erased': 'Person erased',
  'delivery.sent': 'Delivery sent to a target',
  'update.sent': 'Update sent to signers',
  'campaign.status_changed': 'Campaign status changed',
};

/** Events that never carry a campaign (delivered whatever an endpoint's campaign filter). */
export const CAMPAIGNLESS_EVENT_TYPES: readonly WebhookEventType[] = ['person.erased'];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
