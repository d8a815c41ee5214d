import type { Prisma } from '@undersigned/db';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { isWebhookEventType, type WebhookEventType } from './event-types';

/** The columns staff may see: everything but the secrets. */
export const WEBHOOK_ENDPOINT_SELECT = {
  id: true,
  name: true,
  url: true,
  events: true,
  campaignIds: true,
  includePerson: true,
  enabled: true,
  disabledAt: true,
  disabledReason: true,
  failingSince: true,
  previousExpiresAt: true,
  createdAt: true,
  updatedAt: true,
} as const satisfies Prisma.WebhookEndpointSelect;

type Row = Prisma.WebhookEndpointGetPayload<{ select: typeof WEBHOOK_ENDPOINT_SELECT }>;

/** A webhook endpoint as the staff app shows it (never its secret). */
export interface StaffWebhookEndpoint {
  id: string;
  name: string;
  url: string;
  events: WebhookEventType[];
  /** Empty: every campaign. */
  campaignIds: number[];
  includePerson: boolean;
  enabled: boolean;
  disabledAt: Date | null;
  /** Why the sender switched it off (failing for a day); null when an admin did (see the audit log). */
  disabledReason: string | null;
  /** Start of the current run of failed attempts; null after a success. */
  failingSince: Date | null;
  /** Until when the previous secret still signs (after a rotation that kept it); null otherwise. */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toStaffWebhookEndpoint(row: Row, now = new Date()): StaffWebhookEndpoint {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: row.events.filter(isWebhookEventType),
    campaignIds: row.campaignIds,
    includePerson: row.includePerson,
    enabled: row.enabled,
    disabledAt: row.disabledAt,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    previousSecretExpiresAt: row.previousExpiresAt && row.previousExpiresAt > now ? row.previousExpiresAt : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Endpoint and delivery ids are UUIDs; anything else names nothing (and must not reach a uuid column). */
export function isWebhookId(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/** The `webhook-id` header of a delivery: the same on every attempt, so receivers can deduplicate. */
export function webhookMessageId(deliveryId: string): string {
  return `msg_${deliveryId}`;
}

/**
 * The checks of the staff verbs that queue something for an endpoint ("Send a test event",
 * "Redeliver all failed"): an admin, an endpoint that exists, and one that is enabled.
 */
export async function requireEnabledWebhookEndpoint(tx: Prisma.TransactionClient, actor: StaffActor, endpointId: string): Promise<void> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins manage webhooks.');
  const endpoint = isWebhookId(endpointId) ? await tx.webhookEndpoint.findUnique({ where: { id: endpointId }, select: { enabled: true } }) : null;
  if (!endpoint) throw new AppError('not_found', 'This webhook endpoint no longer exists.');
  if (!endpoint.enabled) throw new AppError('conflict', 'Enable the endpoint first: a disabled endpoint receives nothing.');
}
