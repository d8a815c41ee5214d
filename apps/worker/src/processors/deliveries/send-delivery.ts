import type { Job } from 'bullmq';
import { sendDelivery as send } from '@undersigned/core/mail';
import { sendDeliveryPayload } from '@undersigned/jobs';
import type { JobResult, WorkerContext } from '../../context';

/**
 * deliveries.send: send one delivery (exactly-once rules live in core's sendDelivery). A
 * temporary SMTP failure throws, so BullMQ retries with the default exponential backoff.
 */
export async function sendDelivery(job: Job, ctx: WorkerContext): Promise<JobResult> {
  const { deliveryId } = sendDeliveryPayload.parse(job.data);
  const result = await send(
    ctx.db,
    { deliveryId },
    {
      mailer: ctx.mailer,
      databaseUrl: ctx.env.DATABASE_URL,
      publicWebUrl: ctx.env.PUBLIC_WEB_URL,
    },
  );
  return { ...result };
}
