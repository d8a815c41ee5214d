import type { Job } from 'bullmq';
import { sendConfirmationEmail as send } from '@undersigned/core/mail';
import { sendConfirmationEmailPayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/** emails.send-confirmation-email: mail a pending signature its confirmation link. */
export async function sendConfirmationEmail(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { signatureId } = sendConfirmationEmailPayload.parse(job.data);
  const outcome = await send(
    ctx.db,
    { signatureId },
    {
      mailer: ctx.mailer,
      confirmSecret: ctx.env.CONFIRM_TOKEN_SECRET,
      publicWebUrl: ctx.env.PUBLIC_WEB_URL,
    },
  );
  return { outcome, signatureId };
}
