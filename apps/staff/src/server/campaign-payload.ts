import { z } from 'zod';

/** The editor's payload as sent by the client component (validated again by the core verb). */
const translation = z.object({
  title: z.string().max(1000),
  ask: z.string().max(20000),
  body: z.string().max(200000),
  summary: z.string().max(2000).optional(),
});

export const campaignPayloadSchema = z.object({
  slug: z.string().max(200),
  defaultLocale: z.enum(['en', 'es']),
  goal: z.union([z.number(), z.string().max(20)]),
  contactEmail: z.string().max(400).optional(),
  requireConfirmation: z.boolean(),
  showRecentSigners: z.boolean(),
  includeEmailsInDeliveries: z.boolean(),
  translations: z.object({ en: translation, es: translation }),
  sources: z.array(z.object({ citation: z.string().max(4000), url: z.string().max(4000).optional() })).max(100),
});

export type CampaignPayload = z.infer<typeof campaignPayloadSchema>;
