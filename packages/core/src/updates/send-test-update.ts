import type { Db } from '@undersigned/db';
import { createMailer } from '@undersigned/email';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { previewUpdate } from './preview-update';

export interface SendTestUpdateDeps {
  publicWebUrl: string;
  /** CONFIRM_TOKEN_SECRET */
  secret: string;
  smtpUrl: string;
  mailFrom: string;
}

/**
 * "Send a test to me": the update, once per language it is written in, exactly as recipients
 * get it (previewUpdate: same template, footer and List-Unsubscribe headers; a test unsubscribe
 * link that unsubscribes nobody), to the signed-in staff member's own address with "[Test]" in
 * the subject. No recipient row, nothing counted against the cap. Audited (`update.test`).
 */
export async function sendTestUpdate(
  db: Db,
  actor: StaffActor,
  input: { campaignId: number; updateId: string },
  deps: SendTestUpdateDeps,
): Promise<{ to: string; locales: ('en' | 'es')[] }> {
  if (!can(actor, 'update.send')) throw new AppError('forbidden', 'Your role cannot send test updates.');
  const update = await db.campaignUpdate.findFirst({ where: { id: input.updateId, campaignId: input.campaignId } });
  if (!update) throw new AppError('not_found', 'No such update.');
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: input.campaignId }, include: { translations: true } });
  const emails = previewUpdate({
    campaign,
    updateId: update.id,
    content: update,
    publicWebUrl: deps.publicWebUrl,
    secret: deps.secret,
    mailFrom: deps.mailFrom,
  });
  const locales = (['en', 'es'] as const).filter((l) => emails[l]);
  if (locales.length === 0) throw new AppError('conflict', 'Write a subject and a body in at least one language first.');
  const mailer = createMailer({ smtpUrl: deps.smtpUrl, from: deps.mailFrom });
  try {
    for (const l of locales) {
      const email = emails[l]!;
      await mailer.send({ to: actor.email, subject: `[Test] ${email.subject}`, html: email.html, text: email.text, headers: email.headers });
    }
  } finally {
    mailer.close();
  }
  await recordAudit(db, {
    actorId: actor.id,
    action: 'update.test',
    entityType: 'campaign_update',
    entityId: update.id,
    data: { campaignId: input.campaignId, to: actor.email, locales },
  });
  return { to: actor.email, locales };
}
