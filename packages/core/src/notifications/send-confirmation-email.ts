import type { Db } from '@undersigned/db';
import { classifySmtpError, confirmUrl, renderConfirmSignatureEmail, type Mailer } from '@undersigned/email';
import { deriveConfirmToken } from '../signatures/confirm-token';
import { pickTranslation } from '../campaigns/pick-translation';

export interface SendConfirmationEmailDeps {
  mailer: Mailer;
  /** CONFIRM_TOKEN_SECRET: the same secret signPetition used to store the token hash. */
  confirmSecret: string;
  /** PUBLIC_WEB_URL: where the confirmation page lives. */
  publicWebUrl: string;
}

export type SendConfirmationOutcome = 'sent' | 'not_pending' | 'already_sent' | 'not_found' | 'bounced';

/**
 * Emails the confirmation link of a pending signature, in the signer's language, and records
 * `confirmation_sent_at`. The token is derived again from the share code (nothing secret travels
 * through Redis). Does nothing for signatures that are no longer pending or were already mailed,
 * so a repeated job never mails twice once the first send was recorded. A permanent refusal
 * (5xx) marks the person `bouncing` (no retries, and the reconciler leaves them alone);
 * temporary SMTP errors propagate (the job retries them).
 */
export async function sendConfirmationEmail(
  db: Db,
  input: { signatureId: bigint | string },
  deps: SendConfirmationEmailDeps,
): Promise<SendConfirmationOutcome> {
  const signature = await db.signature.findUnique({
    where: { id: BigInt(input.signatureId) },
    select: {
      id: true,
      status: true,
      shareCode: true,
      givenName: true,
      locale: true,
      confirmationSentAt: true,
      confirmedAt: true,
      confirmTokenHash: true,
      personId: true,
      person: { select: { email: true } },
      campaign: { select: { slug: true, defaultLocale: true, translations: { select: { locale: true, title: true } } } },
    },
  });
  if (!signature) return 'not_found';
  // Held signatures awaiting their click get the same email (issue 15: the signer sees nothing different).
  const awaiting =
    signature.status === 'pending' || (signature.status === 'held' && signature.confirmTokenHash !== null && signature.confirmedAt === null);
  if (!awaiting) return 'not_pending';
  if (signature.confirmationSentAt) return 'already_sent';

  const title = pickTranslation(signature.campaign, signature.locale)?.title ?? signature.campaign.slug;
  const token = deriveConfirmToken(signature.shareCode, deps.confirmSecret);
  const email = await renderConfirmSignatureEmail({
    locale: signature.locale,
    givenName: signature.givenName,
    campaignTitle: title,
    confirmUrl: confirmUrl(deps.publicWebUrl, signature.locale, signature.campaign.slug, token),
  });
  try {
    await deps.mailer.send({ to: signature.person.email, ...email });
  } catch (error) {
    if (classifySmtpError(error) !== 'permanent') throw error;
    await db.person.update({ where: { id: signature.personId }, data: { emailStatus: 'bouncing' } });
    return 'bounced';
  }
  await db.signature.update({ where: { id: signature.id }, data: { confirmationSentAt: new Date() } });
  return 'sent';
}
