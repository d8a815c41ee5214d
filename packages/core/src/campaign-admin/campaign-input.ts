import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const text = (max: number) => z.string().trim().max(max);

export const campaignTranslationInputSchema = z.object({
  title: text(200).min(1, 'required'),
  ask: text(5000).min(1, 'required'),
  body: text(50000).min(1, 'required'),
  summary: text(500)
    .optional()
    .transform((v) => v || null),
});

/** A translation where every field is empty counts as "not translated". */
const optionalTranslation = z
  .object({ title: text(200), ask: text(5000), body: text(50000), summary: text(500).optional() })
  .optional()
  .transform((t) => (t && (t.title || t.ask || t.body) ? t : undefined))
  .pipe(campaignTranslationInputSchema.optional());

export const campaignInputSchema = z
  .object({
    slug: text(120).toLowerCase().regex(SLUG_PATTERN, 'invalid_slug'),
    defaultLocale: z.enum(['en', 'es']).default('en'),
    goal: z.coerce.number().int('invalid_goal').min(1, 'invalid_goal').max(100_000_000, 'invalid_goal'),
    contactEmail: z
      .union([z.literal(''), z.email('invalid_email').max(320)])
      .optional()
      .transform((v) => v || null),
    requireConfirmation: z.boolean().default(false),
    showRecentSigners: z.boolean().default(true),
    includeEmailsInDeliveries: z.boolean().default(false),
    translations: z.object({ en: optionalTranslation, es: optionalTranslation }),
    sources: z
      .array(
        z.object({
          citation: text(2000).min(1, 'required'),
          url: z
            .union([
              z.literal(''),
              z
                .url('invalid_url')
                .max(2000)
                .regex(/^https?:\/\//, 'invalid_url'),
            ])
            .optional()
            .transform((v) => v || null),
        }),
      )
      .max(100)
      .default([]),
  })
  .superRefine((value, ctx) => {
    if (!value.translations[value.defaultLocale]) {
      ctx.addIssue({
        code: 'custom',
        path: ['translations', value.defaultLocale, 'title'],
        message: 'required',
      });
    }
  });

export type CampaignInput = z.input<typeof campaignInputSchema>;
export type ValidCampaignInput = z.output<typeof campaignInputSchema>;
