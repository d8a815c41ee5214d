import { z } from 'zod';
import { canonicalizeEmail } from '../signatures/canonicalize-email';

/**
 * One bounce or complaint notification from a mail provider's webhook (POST
 * /api/v1/email-events, documented in apps/web/README.md). `message_id` is the Message-ID of our
 * email when the provider reports it: an update's is `<update-{updateId}-{personId}@domain>`.
 */
const address = z
  .string()
  .trim()
  .max(320)
  .refine((v) => canonicalizeEmail(v) !== null && !/\s/.test(v), 'not an email address');

export const emailEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('bounce'),
    email: address,
    bounce_type: z.enum(['permanent', 'transient']),
    message_id: z.string().max(300).optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    detail: z.string().max(500).optional(),
  }),
  z.object({
    type: z.literal('complaint'),
    email: address,
    message_id: z.string().max(300).optional(),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    detail: z.string().max(500).optional(),
  }),
]);

/** One event, or up to 100 in an array. */
export const emailEventsInputSchema = z.union([emailEventSchema.transform((e) => [e]), z.array(emailEventSchema).min(1).max(100)]);

export type EmailEvent = z.infer<typeof emailEventSchema>;

const UPDATE_MESSAGE_ID = /^<?update-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([1-9][0-9]{0,9})@[^<>\s]+>?$/i;

/** The update (and person) an update's Message-ID names, or null for any other message id. */
export function parseUpdateMessageId(messageId: string | undefined): { updateId: string; personId: number } | null {
  const m = messageId ? UPDATE_MESSAGE_ID.exec(messageId.trim()) : null;
  return m ? { updateId: m[1]!.toLowerCase(), personId: Number(m[2]) } : null;
}
