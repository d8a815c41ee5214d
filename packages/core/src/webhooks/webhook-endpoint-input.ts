import { z } from 'zod';
import { parseOrValidationError } from '../parse-or-validation-error';
import { isPrintableText } from '../printable-text';
import { WEBHOOK_EVENT_TYPES } from './event-types';

const MAX_ID = 2_147_483_647;
/** A campaign id as a form sends it ("12") or a caller passes it (12); anything else is not one. */
const toCampaignId = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
};

/**
 * An endpoint as staff describe it: a name, an http(s) URL (whether it reaches a public address is
 * checked after parsing, by checkWebhookUrl, because that needs DNS), at least one event type, an
 * optional campaign filter (empty: every campaign) and whether signers' personal data may travel.
 * Message keys: required, too_long, invalid_characters, invalid_url, events_required, unknown_event, invalid_campaign.
 */
export const webhookEndpointInputSchema = z.object({
  name: z.string('required').trim().min(1, 'required').max(100, 'too_long').refine(isPrintableText, 'invalid_characters'),
  url: z
    .string('required')
    .trim()
    .min(1, 'required')
    .max(2000, 'too_long')
    .refine(isPrintableText, 'invalid_url')
    .pipe(z.url('invalid_url').regex(/^https?:\/\/[^/?#\s]/i, 'invalid_url')),
  // Whole-array checks, so an error is reported on `events`, not on `events.3`.
  events: z
    .array(z.unknown(), 'events_required')
    .min(1, 'events_required')
    .max(WEBHOOK_EVENT_TYPES.length * 2, 'unknown_event')
    .refine((v) => v.every((e) => typeof e === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(e)), 'unknown_event')
    .transform((v) => WEBHOOK_EVENT_TYPES.filter((t) => v.includes(t))),
  campaignIds: z
    .array(z.unknown(), 'invalid_campaign')
    .max(500, 'too_long')
    .refine((v) => v.every((c) => toCampaignId(c) !== null), 'invalid_campaign')
    .optional()
    .transform((v) => [...new Set((v ?? []).map((c) => toCampaignId(c) ?? 0))].sort((a, b) => a - b)),
  includePerson: z.boolean('required').optional().default(false),
});

/** What callers pass (form fields as they come): the schema decides what is valid. */
export type WebhookEndpointInput = Partial<Record<keyof z.input<typeof webhookEndpointInputSchema>, unknown>>;
export type ValidWebhookEndpointInput = z.output<typeof webhookEndpointInputSchema>;

/** Validates an endpoint's fields; AppError `validation` with field → message key (nothing is written). */
export function parseWebhookEndpointInput(input: unknown): ValidWebhookEndpointInput {
  return parseOrValidationError(webhookEndpointInputSchema, input);
}
