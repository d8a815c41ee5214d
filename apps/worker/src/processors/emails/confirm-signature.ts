import type { Job } from 'bullmq';
import { sendConfirmationEmail } from '@undersigned/core';
import { confirmSignaturePayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/** emails.confirm-signature: mail a pending signature its confirmation link. */
export async function confirmSignature(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { signatureId } = confirmSignaturePayload.parse(job.data);
  const outcome = await sendConfirmationEmail(ctx.db, { signatureId }, {
    mailer: ctx.mailer,
    confirmSecret: ctx.env.CONFIRM_TOKEN_SECRET,
    publicWebUrl: ctx.env.PUBLIC_WEB_URL,
  });
  return { outcome, signatureId };
}
