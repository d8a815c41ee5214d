// The core verbs the public app uses, imported file by file rather than through the
// `@undersigned/core` entry point: that entry also exports the notification verbs, which render
// email with react-dom/server, and Next refuses react-dom/server anywhere in the Server
// Component graph. The verbs are the same code; only the import path differs.
export { AppError, isAppError } from '@core/errors';
export { signatureInputSchema, fieldErrorsFrom, type FieldErrorKey, type SignatureInput } from '@core/signatures/signature-input';
export { signPetition } from '@core/signatures/sign-petition';
export { getPublishedCampaign, type PublicCampaign } from '@core/campaigns/get-published-campaign';
export { listRecentSigners } from '@core/campaigns/list-recent-signers';
export { getSignatureCount } from '@core/counters/get-signature-count';
export { hashIp } from '@core/privacy/hash-ip';
export { checkSignatureLimits } from '@core/ratelimit/check-signature-limits';
export { createSignatureLimiter, type SignatureLimiter } from '@core/ratelimit/create-signature-limiter';
export { confirmSignature } from '@core/signatures/confirm-signature';
export { listPublicSlugs } from '@core/campaigns/list-public-slugs';
export { listPublishedCampaigns, type PublicCampaignSummary } from '@core/campaigns/list-published-campaigns';
export { toOsdiPetition } from '@core/osdi/to-osdi-petition';
export { parseOsdiSignature, osdiFieldPath } from '@core/osdi/parse-osdi-signature';
export { toOsdiSignature } from '@core/osdi/to-osdi-signature';
export { deriveConfirmToken } from '@core/signatures/confirm-token';
export { createSignatureBatcher, type SignatureBatcher } from '@core/signatures/create-signature-batcher';
export { getSigningCampaign, type SigningCampaign } from '@core/signatures/get-signing-campaign';
export { prepareSignature } from '@core/signatures/prepare-signature';
export { pgExecutor } from '@core/signatures/sql-executor';
export { DEFAULT_SIGNATURE_LIMITS, type SignatureLimits } from '@core/ratelimit/check-signature-limits';
export { getPublicDelivery, type PublicDelivery } from '@core/deliveries/get-public-delivery';
export { getImage } from '@core/campaign-admin/get-image';
