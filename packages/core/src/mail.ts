// The verbs that render or send email (React Email through react-dom/server, SMTP), imported as
// `@undersigned/core/mail` by the worker and the staff app. Kept out of the public entry
// (`@undersigned/core`): Next refuses react-dom/server anywhere in the Server Component graph of
// the public app, which imports that entry.
export { sendConfirmationEmail, type SendConfirmationEmailDeps, type SendConfirmationOutcome } from './notifications/send-confirmation-email';
export { buildNextDeliveryEmail, type NextDeliveryEmail } from './deliveries/build-next-delivery-email';
export {
  sendDelivery,
  deliveryMessageId,
  TemporaryDeliveryError,
  UNCERTAIN_PREFIX,
  type SendDeliveryDeps,
  type SendDeliveryOutcome,
  type SendDeliveryResult,
} from './deliveries/send-delivery';
// Updates to signers (issue 12), staff: the preview (prepareUpdateEmails with a test token) and the test send.
export { previewUpdate, type PreviewUpdateInput, type UpdatePreview } from './updates/preview-update';
export { sendTestUpdate, type SendTestUpdateDeps } from './updates/send-test-update';
// Updates to signers (issue 12): the email per recipient (rendered once per language), the shared send throttle, batches and runs.
export {
  prepareUpdateEmails,
  organizationOf,
  updateLocaleFor,
  type UpdateEmails,
  type UpdateEmailSource,
  type PersonalizedUpdateEmail,
  type UpdateLocale,
} from './updates/prepare-update-emails';
export { createUpdateSendThrottle, type UpdateSendThrottle, type UpdateSendThrottleOptions } from './updates/update-send-throttle';
export { sendUpdateBatch, updateMessageId, type UpdateBatchDeps, type UpdateBatchContext, type UpdateBatchResult } from './updates/send-update-batch';
export { runUpdateSend, type UpdateSendRunDeps, type UpdateSendRunResult, type UpdateSendRunOutcome } from './updates/run-update-send';
