export { QUEUES, JOBS, JOB_QUEUE, jobIds, type QueueName, type JobName } from './names';
export {
  PAYLOADS,
  confirmSignaturePayload,
  sendDeliveryPayload,
  maintenancePayload,
  type ConfirmSignaturePayload,
  type SendDeliveryPayload,
  type MaintenancePayload,
  type PayloadOf,
} from './payloads';
export { jobsEnv, jobsEnvSchema, type JobsEnv } from './env';
export { createProducerConnection, createWorkerConnection, PRODUCER_OPTIONS, WORKER_OPTIONS } from './connection';
export {
  DEFAULT_JOB_OPTIONS,
  MAINTENANCE_JOB_OPTIONS,
  MAINTENANCE_EVERY,
  ENQUEUE_TIMEOUT_MS,
} from './defaults';
export {
  enqueue,
  enqueueConfirmationEmail,
  enqueueDelivery,
  ensureDeliveryQueued,
  ensureConfirmationEmailQueued,
  getQueue,
  closeQueues,
  type EnsureResult,
} from './enqueue';
