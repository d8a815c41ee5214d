export { QUEUES, JOBS, jobIds, type QueueName, type JobName } from './names';
export {
  sendConfirmationEmailPayload,
  sendDeliveryPayload,
  updateJobPayload,
  type UpdateJobPayload,
  reviewJobPayload,
  type ReviewJobPayload,
} from './payloads';
export { jobsEnvSchema } from './env';
export { createWorkerConnection } from './connection';
export { MAINTENANCE_JOB_OPTIONS } from './defaults';
export { countQueueJobs } from './count-queue-jobs';
export { openDashboardQueues, type DashboardQueues } from './dashboard';
export {
  enqueueConfirmationEmail,
  enqueueDelivery,
  ensureDeliveryQueued,
  ensureConfirmationEmailQueued,
  getQueue,
  closeQueues,
  enqueueUpdatePlan,
  enqueueUpdateSend,
  liveUpdateJobs,
  enqueueReviewRun,
  liveReviewRuns,
} from './enqueue';
