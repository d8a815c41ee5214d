import { randomBytes } from 'node:crypto';

/** The Standard Webhooks prefix of a signing secret (the `standardwebhooks` Webhook class strips it). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret in the Standard Webhooks format: `whsec_` + base64 (standard alphabet, padded)
 * of 32 random bytes — what `new Webhook(secret)` of any Standard Webhooks library accepts
 * (the spec asks for 24–64 bytes).
 */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}
