import type { ActionState } from '@/server/action-state';

/** A webhook action's answer that may carry a signing secret: shown once on the page, never put in a URL or logged. */
export interface WebhookSecretState extends ActionState {
  secret?: string;
  endpointId?: string;
}
