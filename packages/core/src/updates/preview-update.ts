import { createHmac } from 'node:crypto';
import { listUnsubscribeHeaders } from '@undersigned/email';
import { prepareUpdateEmails, type PersonalizedUpdateEmail, type UpdateEmailSource } from './prepare-update-emails';
import { updateLocales } from './update-input';

export interface PreviewUpdateInput {
  campaign: UpdateEmailSource['campaign'] & { id: number };
  /** The saved update's id, or null for text not saved yet (the editor's live preview). */
  updateId: string | null;
  content: UpdateEmailSource['update'];
  publicWebUrl: string;
  /** CONFIRM_TOKEN_SECRET */
  secret: string;
  mailFrom: string;
}

export interface UpdatePreview extends PersonalizedUpdateEmail {
  /** List-Unsubscribe and List-Unsubscribe-Post (RFC 8058), as the worker sends them. */
  headers: Record<string, string>;
}

const NIL_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * A token shaped like a recipient's (`person.campaign.update.mac`) whose MAC is keyed with a
 * derived "test" key: the link looks and routes like the real one, and the unsubscribe page
 * refuses it, so a preview or a test email can never unsubscribe anyone.
 */
function testUnsubscribeToken(campaignId: number, updateId: string | null, secret: string): string {
  const id = updateId ?? NIL_UUID;
  const mac = createHmac('sha256', `${secret}:staff-test`).update(`test:${campaignId}:${id}`).digest().subarray(0, 16).toString('base64url');
  return `1.${campaignId}.${id}.${mac}`;
}

/**
 * The update in each language it is written in, rendered exactly as recipients get it (the
 * worker's prepareUpdateEmails: same template, footer, links and List-Unsubscribe headers) — for
 * the staff preview (an iframe's srcDoc) and "send a test to me". Only the unsubscribe token
 * differs: a test one that unsubscribes nobody.
 */
export function previewUpdate(input: PreviewUpdateInput): Partial<Record<'en' | 'es', UpdatePreview>> {
  const token = testUnsubscribeToken(input.campaign.id, input.updateId, input.secret);
  const emails = prepareUpdateEmails({ update: input.content, campaign: input.campaign, publicWebUrl: input.publicWebUrl, mailFrom: input.mailFrom });
  const out: Partial<Record<'en' | 'es', UpdatePreview>> = {};
  for (const locale of updateLocales(input.content)) {
    const email = emails.forRecipient(locale, token);
    out[locale] = { ...email, headers: listUnsubscribeHeaders(email.unsubscribeUrl) };
  }
  return out;
}
