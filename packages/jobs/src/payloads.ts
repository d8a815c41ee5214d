import { z } from 'zod';
import { JOBS } from './names';

/** A signature id (bigint in Postgres) carried as a decimal string. */
const signatureId = z.string().regex(/^[1-9][0-9]{0,18}$/, 'must be a positive integer id');

export const sendConfirmationEmailPayload = z.object({ signatureId }).strict();
export type SendConfirmationEmailPayload = z.infer<typeof sendConfirmationEmailPayload>;

export const sendDeliveryPayload = z.object({ deliveryId: z.uuid() }).strict();
export type SendDeliveryPayload = z.infer<typeof sendDeliveryPayload>;

/** An update to signers, by id: the job reads its state (status, cursor) from Postgres. */
export const updateJobPayload = z.object({ updateId: z.uuid() }).strict();
export type UpdateJobPayload = z.infer<typeof updateJobPayload>;

/** A review job, by id: the job reads its selection and progress from Postgres (review_job). */
export const reviewJobPayload = z.object({ reviewJobId: z.uuid() }).strict();
export type ReviewJobPayload = z.infer<typeof reviewJobPayload>;

/** Maintenance jobs carry nothing: they read what is due from Postgres. */
export const maintenancePayload = z.object({}).strict();
export type MaintenancePayload = z.infer<typeof maintenancePayload>;

export const PAYLOADS = {
  [JOBS.sendDelivery]: sendDeliveryPayload,
  [JOBS.sendConfirmationEmail]: sendConfirmationEmailPayload,
  [JOBS.planUpdate]: updateJobPayload,
  [JOBS.sendUpdate]: updateJobPayload,
  [JOBS.planDeliveries]: maintenancePayload,
  [JOBS.reconcileJobs]: maintenancePayload,
  [JOBS.reconcileCounts]: maintenancePayload,
  [JOBS.anonymizeSigners]: maintenancePayload,
  [JOBS.webhooksTick]: maintenancePayload,
  [JOBS.runReview]: reviewJobPayload,
} as const;

export type PayloadOf<N extends keyof typeof PAYLOADS> = z.infer<(typeof PAYLOADS)[N]>;
