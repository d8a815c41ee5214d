import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Who an unsubscribe link is for: a person, the campaign whose update they got, and that update. */
export interface UnsubscribeSubject {
  personId: number;
  campaignId: number;
  updateId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /^([1-9][0-9]{0,9})\.([1-9][0-9]{0,9})\.([0-9a-f-]{36})\.([A-Za-z0-9_-]{22})$/;

/** What a token looks like on the wire (for zod at the edges): ids and a MAC, never an address. */
export const unsubscribeTokenSchema = z.string().max(120).regex(TOKEN, 'not an unsubscribe token');

function mac(subject: UnsubscribeSubject, secret: string): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe:v1:${subject.personId}:${subject.campaignId}:${subject.updateId}`)
    .digest()
    .subarray(0, 16)
    .toString('base64url');
}

/**
 * The token in an update's unsubscribe link: `person.campaign.update.mac`, the MAC a keyed
 * HMAC-SHA256 (128 bits) under the signer-token secret. No email address in any URL; a token
 * cannot be forged for another person or campaign without the secret. It does not expire: an
 * old email's link must still work.
 */
export function createUnsubscribeToken(subject: UnsubscribeSubject, secret: string): string {
  return `${subject.personId}.${subject.campaignId}.${subject.updateId}.${mac(subject, secret)}`;
}

/** The subject of a genuine token, or null for anything else (malformed, forged, other secret). */
export function verifyUnsubscribeToken(token: string, secret: string): UnsubscribeSubject | null {
  const m = TOKEN.exec(token);
  if (!m || !UUID.test(m[3]!)) return null;
  const subject = { personId: Number(m[1]), campaignId: Number(m[2]), updateId: m[3]! };
  if (!Number.isSafeInteger(subject.personId) || subject.personId > 2_147_483_647 || subject.campaignId > 2_147_483_647) return null;
  const expected = Buffer.from(mac(subject, secret));
  const given = Buffer.from(m[4]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? subject : null;
}

/** The public unsubscribe page for a token: /unsubscribe/{token}, Spanish under /es. */
export function unsubscribeUrl(publicWebUrl: string, locale: 'en' | 'es', token: string): string {
  return `${publicWebUrl.replace(/\/+$/, '')}${locale === 'es' ? '/es' : ''}/unsubscribe/${token}`;
}
