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
export { deriveConfirmToken, hashConfirmToken, confirmTokenMatches } from './signatures/confirm-token';
export {
  getPublishedCampaign,
  targetDisplayName,
  type PublicCampaign,
  type PublicTarget,
} from './campaigns/get-published-campaign';
export { getSignatureCount } from './counters/get-signature-count';
export { reconcileSignatureCounts, type CountRepair } from './counters/reconcile-signature-counts';
export { COUNTER_SHARDS } from './counters/shards';
export { lookupPostalCode, type Locality } from './geo/lookup-postal-code';
export { hashIp } from './privacy/hash-ip';
export { hashPassword } from './staff/hash-password';
export { verifyPassword } from './staff/verify-password';
