export * from './errors';
export { canonicalizeEmail } from './signatures/canonicalize-email';
export {
  signatureInputSchema,
  fieldErrorsFrom,
  type FieldErrorKey,
  type SignatureInput,
  type ValidSignature,
} from './signatures/signature-input';
export { signPetition, type SignContext, type SignResult } from './signatures/sign-petition';
export { prepareSignature, type PreparedSignature } from './signatures/prepare-signature';
export { getSigningCampaign, type SigningCampaign } from './signatures/get-signing-campaign';
export { writeSignatures, type WriteOutcome } from './signatures/write-signatures';
export {
  createSignatureBatcher,
  type SignatureBatcher,
  type SignatureBatcherOptions,
  type SignatureBatcherStats,
} from './signatures/create-signature-batcher';
export { prismaExecutor, pgExecutor, type SqlExecutor, type PgQueryable } from './signatures/sql-executor';
export { deriveConfirmToken, hashConfirmToken, confirmTokenMatches } from './signatures/confirm-token';
export { confirmSignature, type ConfirmSignatureResult } from './signatures/confirm-signature';
export {
  getPublishedCampaign,
  targetDisplayName,
  type PublicCampaign,
  type PublicTarget,
} from './campaigns/get-published-campaign';
export { listRecentSigners, publicSignerName, type PublicSigner } from './campaigns/list-recent-signers';
export {
  listPublishedCampaigns,
  type ListPublishedCampaignsInput,
  type PublicCampaignSummary,
} from './campaigns/list-published-campaigns';
export { listPublicSlugs } from './campaigns/list-public-slugs';
export { toOsdiPetition, type OsdiPetition, type OsdiPetitionSource } from './osdi/to-osdi-petition';
export { parseOsdiSignature, osdiSignatureSchema, osdiFieldPath, type OsdiParseResult } from './osdi/parse-osdi-signature';
export { toOsdiSignature, type OsdiSignature } from './osdi/to-osdi-signature';
export { getSignatureCount } from './counters/get-signature-count';
export { reconcileSignatureCounts, type CountRepair } from './counters/reconcile-signature-counts';
export { COUNTER_SHARDS } from './counters/shards';
export { lookupPostalCode, type Locality } from './geo/lookup-postal-code';
export { listCityPostalCodes } from './geo/list-city-postal-codes';
export { hashIp } from './privacy/hash-ip';
export {
  checkSignatureLimits,
  DEFAULT_SIGNATURE_LIMITS,
  type LimitVerdict,
  type SignatureLimits,
  type SignatureLimitSubject,
  type SlidingWindowRule,
} from './ratelimit/check-signature-limits';
export { checkManySignatureLimits } from './ratelimit/check-many-signature-limits';
export {
  createSignatureLimiter,
  type SignatureLimiter,
  type SignatureLimiterOptions,
  type SignatureLimiterStats,
} from './ratelimit/create-signature-limiter';
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
export { buildNextDeliveryEmail, type NextDeliveryEmail } from './campaign-admin/build-next-delivery-email';
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
export { streamSignaturesCsv, csvField, type SignatureCsvOptions } from './exports/stream-signatures-csv';
export {
  sendConfirmationEmail,
  type SendConfirmationEmailDeps,
  type SendConfirmationOutcome,
} from './notifications/send-confirmation-email';
export { findUnsentConfirmations, type FindUnsentConfirmationsInput } from './notifications/find-unsent-confirmations';
export { assignSignatureSequence } from './deliveries/assign-signature-sequence';
export { claimDeliveryRange, NO_TARGET_EMAIL, type ClaimDeliveryRangeInput } from './deliveries/claim-delivery-range';
export { buildDeliveryManifest, createManifestHasher, type DeliveryManifest } from './deliveries/build-delivery-manifest';
export { isConstituent, normalizePostalCode, type ConstituentPolicy } from './deliveries/constituent-filter';
export { writeDeliveryCsv, GZIP_ABOVE_BYTES, CSV_HEADER, type DeliveryCsv } from './deliveries/write-delivery-csv';
export { nextMilestone } from './deliveries/next-milestone';
export { digestDueAt, type DigestSchedule } from './deliveries/digest-due-at';
export { planDeliveries, type PlannedDelivery } from './deliveries/plan-deliveries';
export { deliverNow, type DeliverNowInput } from './deliveries/deliver-now';
export { retryDelivery } from './deliveries/retry-delivery';
export { findPendingDeliveries } from './deliveries/find-pending-deliveries';
export {
  sendDelivery,
  deliveryMessageId,
  TemporaryDeliveryError,
  UNCERTAIN_PREFIX,
  type SendDeliveryDeps,
  type SendDeliveryOutcome,
  type SendDeliveryResult,
} from './deliveries/send-delivery';
export { getPublicDelivery, type PublicDelivery } from './deliveries/get-public-delivery';
export { checkDatabase } from './health/check-database';
