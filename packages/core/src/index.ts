// The public entry: nothing here renders or sends email, so the public app's Server Components
// may import it (Next refuses react-dom/server in that graph). The verbs that do live in ./mail.
export * from './errors';
export { signatureInputSchema, type FieldErrorKey, type SignatureInput } from './signatures/signature-input';
export {
  createSigner,
  type Signer,
  type SignerOptions,
  type SignEvent,
  type SignOutcome,
  type SignResult,
  type SignSubmission,
} from './signatures/create-signer';
export { signPetition, type SignContext } from './signatures/sign-petition';
export { createSignatureBatcher, type SignatureBatcher, type SignatureBatchObservation } from './signatures/create-signature-batcher';
export { pgExecutor } from './signatures/sql-executor';
export { deriveConfirmToken } from './signatures/confirm-token';
export { confirmSignature } from './signatures/confirm-signature';
export { getPublishedCampaign, targetDisplayName, type PublicCampaign } from './campaigns/get-published-campaign';
export { getCampaignStatus } from './campaigns/get-campaign-status';
export { listRecentSigners } from './campaigns/list-recent-signers';
export { listPublishedCampaigns, type PublicCampaignSummary } from './campaigns/list-published-campaigns';
export { listPublicSlugs } from './campaigns/list-public-slugs';
export { toOsdiPetition } from './osdi/to-osdi-petition';
export { parseOsdiSignature, osdiFieldPath } from './osdi/parse-osdi-signature';
export { toOsdiSignature } from './osdi/to-osdi-signature';
export { getSignatureCount } from './counters/get-signature-count';
export { getPublicCount, type PublicCount } from './counters/get-public-count';
export { reconcileSignatureCounts } from './counters/reconcile-signature-counts';
export { COUNTER_SHARDS } from './counters/shards';
export { createReadCache, type ReadCache } from './concurrency/create-read-cache';
export { lookupPostalCode, type Locality } from './geo/lookup-postal-code';
export { isDisposableDomain } from './abuse/is-disposable-domain';
export { loadAbuseLists, type AbuseLists } from './abuse/load-abuse-lists';
export { findSigningEvent, type SigningEvent } from './events/find-signing-event';
export { listCityPostalCodes } from './geo/list-city-postal-codes';
export { hashIp } from './privacy/hash-ip';
export { DEFAULT_SIGNATURE_LIMITS, type LimitVerdict, type SignatureLimits } from './ratelimit/signature-limits';
export { createSignatureLimiter, type SignatureLimiter } from './ratelimit/create-signature-limiter';
export { RATE_LIMITS_FAILED_OPEN } from './ratelimit/check-many-signature-limits';
export { hashPassword } from './staff/hash-password';
export { verifyPassword } from './staff/verify-password';
export { authenticateStaffPassword } from './staff/authenticate-staff-password';
export { getStaffActor } from './staff/get-staff-actor';
export { maySignInByEmail } from './staff/may-sign-in-by-email';
export { recordStaffSignIn } from './staff/record-staff-sign-in';
export { type StaffAction, type StaffActor } from './authorization/permissions';
export { can } from './authorization/can';
export { recordAudit } from './audit/record-audit';
export { listAuditLog } from './audit/list-audit-log';
export { listCampaigns } from './campaign-admin/list-campaigns';
export { SLUG_PATTERN } from './campaign-admin/campaign-input';
export { isSlugAvailable } from './campaign-admin/is-slug-available';
export { createCampaign } from './campaign-admin/create-campaign';
export { updateCampaign } from './campaign-admin/update-campaign';
export { getCampaignForStaff, type StaffCampaign } from './campaign-admin/get-campaign-for-staff';
export { changeCampaignStatus, lifecycleActionsFor } from './campaign-admin/change-campaign-status';
export { getCampaignDashboard } from './campaign-admin/get-campaign-dashboard';
export { listCampaignDeliveries } from './campaign-admin/list-campaign-deliveries';
export { setCampaignImage } from './campaign-admin/set-campaign-image';
export { getImage } from './campaign-admin/get-image';
export { listTargets } from './targets/list-targets';
export { getTarget } from './targets/get-target';
export { createTarget } from './targets/create-target';
export { updateTarget } from './targets/update-target';
export { attachTarget } from './targets/attach-target';
export { detachTarget } from './targets/detach-target';
export { updateDeliveryPolicy } from './targets/update-delivery-policy';
export { listStaff } from './staff/list-staff';
export { inviteStaff } from './staff/invite-staff';
export { changeStaffRole } from './staff/change-staff-role';
export { setStaffActive } from './staff/set-staff-active';
export { previewSignatureModeration, type ModerationPreview } from './people/preview-signature-moderation';
export { moderateSignatures } from './people/moderate-signatures';
export { listSignatures } from './people/list-signatures';
export { erasePerson } from './people/erase-person';
export { anonymizeClosedCampaignSigners } from './people/anonymize-closed-campaign-signers';
export { findPeopleByEmail } from './people/find-people-by-email';
export { streamSignaturesCsv, signaturesCsvSelect, csvField, type SignatureCsvOptions } from './exports/stream-signatures-csv';
export { findUnsentConfirmations, type FindUnsentConfirmationsInput } from './notifications/find-unsent-confirmations';
export { assignSignatureSequence } from './deliveries/assign-signature-sequence';
export { claimDeliveryRange, NO_TARGET_EMAIL, type ClaimDeliveryRangeInput } from './deliveries/claim-delivery-range';
export { buildDeliveryManifest, createManifestHasher, type DeliveryManifest } from './deliveries/build-delivery-manifest';
export { isConstituent, normalizePostalCode, type ConstituentPolicy } from './deliveries/constituent-filter';
export { writeDeliveryCsv, deliveryCsvQuery, GZIP_ABOVE_BYTES, CSV_HEADER, type DeliveryCsv } from './deliveries/write-delivery-csv';
export { nextMilestone } from './deliveries/next-milestone';
export { digestDueAt, type DigestSchedule } from './deliveries/digest-due-at';
export { planDeliveries, type PlannedDelivery } from './deliveries/plan-deliveries';
export { deliverNow, type DeliverNowInput } from './deliveries/deliver-now';
export { retryDelivery } from './deliveries/retry-delivery';
export { findPendingDeliveries } from './deliveries/find-pending-deliveries';
export { getPublicDelivery, type PublicDelivery } from './deliveries/get-public-delivery';
export { verifyDeliveryManifest, type DeliveryManifestCheck } from './deliveries/verify-delivery-manifest';
export { checkDatabase } from './health/check-database';
// Outcomes (issue 12): targets' responses and updates to signers. Sending (rendering, SMTP) is in ./mail.
export { suppressionHash, suppressionHashPads, suppressionHashSql } from './updates/suppression-hash';
export {
  createUnsubscribeToken,
  verifyUnsubscribeToken,
  unsubscribeUrl,
  unsubscribeTokenSchema,
  type UnsubscribeSubject,
} from './updates/unsubscribe-token';
export { AUDIENCE_FROM_WHERE, audienceParams } from './updates/update-audience';
export { countUpdateAudience, type UpdateAudience } from './updates/count-update-audience';
export { recordSuppression, type SuppressionInput, type SuppressionReason, type SuppressionSource } from './updates/record-suppression';
// Staff: targets' responses and updates to signers (issue 12). Rendering and test sends are in ./mail.
export { responseInputSchema, type ResponseInput } from './responses/response-input';
export { recordResponse } from './responses/record-response';
export { updateResponse } from './responses/update-response';
export { deleteResponse } from './responses/delete-response';
export { listResponsesForStaff, type StaffResponse } from './responses/list-responses-for-staff';
export { updateContentSchema, updateLocales, type UpdateContent, type UpdateContentInput } from './updates/update-input';
export { createUpdate } from './updates/create-update';
export { editUpdate } from './updates/edit-update';
export { deleteUpdate } from './updates/delete-update';
export { getUpdateForStaff, type StaffUpdate } from './updates/get-update-for-staff';
export { listCampaignUpdates, type UpdateListItem } from './updates/list-campaign-updates';
export { prefillUpdateFromResponse } from './updates/prefill-update-from-response';
export { prefillUpdateFromVictory } from './updates/prefill-update-from-victory';
export { getUpdateCapStatus, type UpdateCapStatus } from './updates/get-update-cap-status';
export { requestUpdateSend } from './updates/request-update-send';
export { setUpdateCap, updateCapSchema } from './updates/set-update-cap';
export { pauseUpdate } from './updates/pause-update';
export { resumeUpdate } from './updates/resume-update';
export { cancelUpdate } from './updates/cancel-update';
export { getUpdateProgress, type UpdateProgress } from './updates/get-update-progress';
// Outcomes, public side (issue 12): responses and the timeline on the campaign page, unsubscribe, inbound bounces/complaints.
export { listPublicResponses, type PublicResponse, type PublicResponseStance } from './campaigns/list-public-responses';
export { getCampaignTimeline, type CampaignTimeline, type TimelineEvent } from './campaigns/get-campaign-timeline';
export { getUnsubscribeState, type UnsubscribeState } from './updates/get-unsubscribe-state';
export { unsubscribeByToken, type UnsubscribeInput } from './updates/unsubscribe-by-token';
export { emailEventSchema, emailEventsInputSchema, parseUpdateMessageId, type EmailEvent } from './updates/email-event-input';
export { recordEmailEvents, type EmailEventsResult } from './updates/record-email-events';
// Worker side of updates to signers (issue 12): planning, the reaper, the reconciler's view. Sending is in ./mail.
export { planUpdateChunk, DEFAULT_PLAN_CHUNK, type PlanUpdateChunkInput, type PlanUpdateChunkResult } from './updates/plan-update-chunk';
export { reapInterruptedRecipients, DEFAULT_SENDING_LEASE_MS, type ReapInterruptedInput } from './updates/reap-interrupted-recipients';
export { cancelPendingRecipients } from './updates/cancel-pending-recipients';
export { findUpdatesToRun, type UpdatesToRun } from './updates/find-updates-to-run';

// ---- integrations: API keys and the authenticated OSDI API (issue 13)
export { API_KEY_PATTERN, API_KEY_PREFIX } from './api-keys/api-key-secret';
export { toOsdiPerson, type OsdiPerson, type OsdiPersonSource } from './osdi/to-osdi-person';
export { toOsdiSignatureResource, type OsdiSignatureResource, type OsdiSignatureSource } from './osdi/to-osdi-signature-resource';
export { authenticateApiKey, apiKeyCoversCampaign, type ApiKeyPrincipal } from './api-keys/authenticate-api-key';
export { authorizeApiKeySigning } from './api-keys/authorize-api-key-signing';
export { createApiKeyLimiter, type ApiKeyLimiter, type ApiKeyLimitVerdict } from './ratelimit/create-api-key-limiter';
export { parseOsdiFilter, parseIsoInstant, MAX_OSDI_FILTER_LENGTH, type OsdiFilter } from './osdi/parse-osdi-filter';
export {
  parseOsdiCollectionQuery,
  encodeOsdiCursor,
  decodeOsdiCursor,
  OSDI_DEFAULT_PER_PAGE,
  OSDI_MAX_PER_PAGE,
  type OsdiCollectionQuery,
  type OsdiCursor,
} from './osdi/parse-osdi-collection-query';
export { type OsdiPage } from './osdi/run-osdi-page-query';
export { toOsdiCollection, type OsdiCollection } from './osdi/to-osdi-collection';
export { listOsdiPeople } from './osdi/list-osdi-people';
export { getOsdiPerson } from './osdi/get-osdi-person';
export { listOsdiPersonSignatures } from './osdi/list-osdi-person-signatures';
export { listOsdiPetitionSignatures } from './osdi/list-osdi-petition-signatures';
export { getOsdiSignature } from './osdi/get-osdi-signature';
export { type ApiKeySummary, type ApiKeyCampaign } from './api-keys/api-key-summary';
export { listCampaignChoices, type CampaignChoice } from './campaign-admin/list-campaign-choices';
export {
  createApiKey,
  API_KEY_DEFAULT_RATE_LIMIT,
  API_KEY_MAX_CAMPAIGNS,
  API_KEY_MAX_RATE_LIMIT,
  type CreateApiKeyInput,
} from './api-keys/create-api-key';
export { listApiKeys } from './api-keys/list-api-keys';
export { revokeApiKey } from './api-keys/revoke-api-key';
export { rotateApiKey } from './api-keys/rotate-api-key';

// ---- integrations: webhooks (issue 13)
export {
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_TEST_EVENT,
  CAMPAIGNLESS_EVENT_TYPES,
  isWebhookEventType,
  type WebhookEventType,
} from './webhooks/event-types';
export { checkWebhookUrl, refusedAddressReason, type WebhookUrlCheck, type CheckWebhookUrlOptions } from './webhooks/check-webhook-url';
// Webhook endpoints for admins (staff app): create/rotate return the secret once; the log, redeliver, test events, the disabled notice.
export { webhookEndpointInputSchema, parseWebhookEndpointInput, type WebhookEndpointInput } from './webhooks/webhook-endpoint-input';
export { generateWebhookSecret, WEBHOOK_SECRET_PREFIX } from './webhooks/webhook-secret';
export { validateWebhookEndpoint, type WebhookUrlPolicy } from './webhooks/validate-webhook-endpoint';
export { isWebhookId, type StaffWebhookEndpoint } from './webhooks/webhook-endpoint-view';
export { createWebhookEndpoint } from './webhooks/create-webhook-endpoint';
export { updateWebhookEndpoint } from './webhooks/update-webhook-endpoint';
export { listWebhookEndpoints, type WebhookEndpointListItem } from './webhooks/list-webhook-endpoints';
export { getWebhookEndpoint } from './webhooks/get-webhook-endpoint';
export { setWebhookEndpointEnabled } from './webhooks/set-webhook-endpoint-enabled';
export { deleteWebhookEndpoint } from './webhooks/delete-webhook-endpoint';
export { rotateWebhookSecret } from './webhooks/rotate-webhook-secret';
export {
  listWebhookDeliveries,
  type WebhookDeliveryPage,
  type WebhookDeliveryLogItem,
  type WebhookAttemptLogItem,
  type ListWebhookDeliveriesOptions,
} from './webhooks/list-webhook-deliveries';
export { redeliverWebhook } from './webhooks/redeliver-webhook';
export { redeliverFailedWebhooks } from './webhooks/redeliver-failed-webhooks';
export { sendTestWebhookEvent } from './webhooks/send-test-webhook-event';
export { listDisabledWebhookNotices, type DisabledWebhookNotice } from './webhooks/list-disabled-webhook-notices';
export { recordWebhookEvents, type WebhookEventInput } from './webhooks/record-webhook-events';
export {
  dispatchWebhookEvents,
  planWebhookDeliveries,
  DEFAULT_WEBHOOK_BATCH_SIZE,
  DEFAULT_WEBHOOK_BATCH_WAIT_MS,
  DEFAULT_WEBHOOK_DISPATCH_MAX_EVENTS,
  type DispatchWebhookEventsOptions,
  type DispatchWebhookEventsResult,
} from './webhooks/dispatch-webhook-events';
export { buildWebhookPayload, type WebhookEventPayload } from './webhooks/build-webhook-payload';
export { postWebhook, DEFAULT_WEBHOOK_TIMEOUT_MS, WEBHOOK_RESPONSE_READ_BYTES, type PostWebhookResult } from './webhooks/post-webhook';
export {
  sendDueWebhooks,
  signWebhook,
  webhookRetryDelayMs,
  DEFAULT_WEBHOOK_RETRY_BASE_MS,
  DEFAULT_WEBHOOK_RETRY_MAX_MS,
  DEFAULT_WEBHOOK_GIVE_UP_MS,
  WEBHOOK_MAX_IN_FLIGHT_PER_ENDPOINT,
  type SendDueWebhooksOptions,
  type SendDueWebhooksResult,
} from './webhooks/send-due-webhooks';
export { pruneWebhookLog, WEBHOOK_LOG_RETENTION_MS } from './webhooks/prune-webhook-log';
export { createCampaignEvent, type CreatedCampaignEvent } from './events/create-campaign-event';
export { revokeCampaignEvent } from './events/revoke-campaign-event';
export { listCampaignEvents, type CampaignEventSummary, type CampaignEventStatus } from './events/list-campaign-events';
export { getCampaignEvent } from './events/get-campaign-event';
export { EVENT_MAX_EXPECTED_SIZE, EVENT_MAX_WINDOW_MS, type CampaignEventInput } from './events/campaign-event-input';
export { localDateTimeToInstant, instantToLocalDateTime } from './events/local-date-time';
export {
  abuseListEntryInputSchema,
  IP_HASH_PATTERN,
  type AbuseListEntryInput,
  type AbuseListKind,
  type AbuseListMode,
} from './abuse/abuse-list-entry-input';
export { getAbuseTrends, ABUSE_TRENDS_TOP, type AbuseTrends, type AbuseTrendWindow, type AbuseTrendRow } from './abuse/get-abuse-trends';
export { listAbuseListEntries, type AbuseListEntryRow, type ListAbuseListEntriesQuery } from './abuse/list-abuse-list-entries';
export { addAbuseListEntry, type AddAbuseListEntryResult } from './abuse/add-abuse-list-entry';
export { removeAbuseListEntry } from './abuse/remove-abuse-list-entry';
export {
  reviewSelectionSchema,
  reviewFilterSchema,
  REVIEW_STATUSES,
  HOLD_REASONS,
  type ReviewSelection,
  type ReviewDecision,
  type ReviewStatus,
  type HoldReason,
} from './review/review-selection';
export { type ReviewSignatureRow } from './review/review-sample';
export { listHeldGroups, HELD_GROUPS_LIMIT, type HeldGroup, type HeldGroups, type HeldGroupSample } from './review/list-held-groups';
export { listReviewSignatures, REVIEW_PAGE_SIZE, type ReviewSignaturePage } from './review/list-review-signatures';
export { previewReviewDecision, REVIEW_DIRECT_LIMIT, type ReviewPreview } from './review/preview-review-decision';
export { applyReviewDecision, type ApplyReviewDecisionResult } from './review/apply-review-decision';
export { runReviewJobChunk, REVIEW_CHUNK, type ReviewJobChunkResult } from './review/run-review-job-chunk';
export { getReviewJob, type ReviewJobProgress } from './review/get-review-job';
export { findReviewJobsToRun } from './review/find-review-jobs-to-run';
export { countHeldSignatures } from './review/count-held-signatures';
