import { createHmac } from 'node:crypto';
import { composeUpdateEmail, type ComposedUpdateEmail, type ComposeUpdateEmailInput } from './compose-update-email';
import { updateLocales } from './update-input';

export interface PreviewUpdateInput {
  campaign: ComposeUpdateEmailInput['campaign'] & { id: number };
  /** The saved update's id, or null for text not saved yet (the editor's live preview). */
  updateId: string | null;
  content: ComposeUpdateEmailInput['update'];
  publicWebUrl: string;
  /** CONFIRM_TOKEN_SECRET */
  secret: string;
  mailFrom: string;
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
 * The update in each language it is written in, rendered exactly as recipients get it
 * (composeUpdateEmail, the worker's function) — for the staff preview (an iframe's srcDoc) and
 * "send a test to me". Only the unsubscribe token differs: a test one that unsubscribes nobody.
 */
export function previewUpdate(input: PreviewUpdateInput): Partial<Record<'en' | 'es', ComposedUpdateEmail>> {
  const token = testUnsubscribeToken(input.campaign.id, input.updateId, input.secret);
  const out: Partial<Record<'en' | 'es', ComposedUpdateEmail>> = {};
  for (const locale of updateLocales(input.content)) {
    const email = composeUpdateEmail({
      campaign: input.campaign,
      update: input.content,
      locale,
      unsubscribeToken: token,
      publicWebUrl: input.publicWebUrl,
      mailFrom: input.mailFrom,
    });
    if (email) out[locale] = email;
  }
  return out;
}
