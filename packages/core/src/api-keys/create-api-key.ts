import { z } from 'zod';
import { isPrintableText } from '../printable-text';
import type { Db } from '@undersigned/db';
import { recordAudit } from '../audit/record-audit';
import { can } from '../authorization/can';
import type { StaffActor } from '../authorization/permissions';
import { AppError } from '../errors';
import { parseOrValidationError } from '../parse-or-validation-error';
import { generateApiKeySecret } from './api-key-secret';
import { API_KEY_SUMMARY_SELECT, toApiKeySummary, type ApiKeySummary } from './api-key-summary';
import { listCampaignChoices } from '../campaign-admin/list-campaign-choices';

export const API_KEY_MAX_CAMPAIGNS = 100;
export const API_KEY_DEFAULT_RATE_LIMIT = 600;
export const API_KEY_MAX_RATE_LIMIT = 100_000;
const MAX_INT4 = 2_147_483_647;

/** A whole number given as a number or as the digits a form sends. */
const wholeNumber = (message: string) =>
  z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\s*\d{1,12}\s*$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int(message));

export const createApiKeyInputSchema = z.object({
  name: z.string().trim().min(1, 'required').max(100, 'too_long').refine(isPrintableText, 'invalid_characters'),
  scope: z.enum(['read', 'write'], { error: 'invalid_scope' }),
  /** Empty or absent: every campaign, including future ones. */
  campaignIds: z
    .array(z.unknown(), { error: 'invalid_campaigns' })
    .max(API_KEY_MAX_CAMPAIGNS, 'too_many_campaigns')
    .optional()
    .transform((ids, ctx) => {
      const out = new Set<number>();
      for (const raw of ids ?? []) {
        const id = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : raw;
        if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_INT4) {
          ctx.addIssue({ code: 'custom', message: 'invalid_campaigns' });
          return z.NEVER;
        }
        out.add(id);
      }
      return [...out].sort((a, b) => a - b);
    }),
  rateLimitPerMinute: wholeNumber('invalid_rate_limit')
    .pipe(z.number().min(1, 'invalid_rate_limit').max(API_KEY_MAX_RATE_LIMIT, 'invalid_rate_limit'))
    .optional()
    .transform((v) => v ?? API_KEY_DEFAULT_RATE_LIMIT),
});

export type CreateApiKeyInput = z.input<typeof createApiKeyInputSchema>;

/**
 * Creates an API key (admins). The secret is returned here once and never again: only its SHA-256
 * is stored. Every named campaign must exist. Audited in the same transaction (`apikey.create`:
 * name, scope, campaigns, prefix — never the secret or its hash).
 */
export async function createApiKey(db: Db, actor: StaffActor, input: unknown): Promise<{ key: ApiKeySummary; secret: string }> {
  if (!can(actor, 'integration.manage')) throw new AppError('forbidden', 'Only admins can manage API keys.');
  const { name, scope, campaignIds, rateLimitPerMinute } = parseOrValidationError(createApiKeyInputSchema, input);
  const { secret, hash, prefix } = generateApiKeySecret();
  return db.$transaction(async (tx) => {
    const campaigns = await listCampaignChoices(tx, campaignIds);
    if (campaigns.length !== campaignIds.length) throw new AppError('validation', 'Some fields need attention.', { campaignIds: 'unknown_campaign' });
    const row = await tx.apiKey.create({
      data: { name, scope, campaignIds, rateLimitPerMinute, prefix, secretHash: hash, createdById: actor.id },
      select: API_KEY_SUMMARY_SELECT,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'apikey.create',
      entityType: 'api_key',
      entityId: row.id,
      data: { name, scope, campaignIds, prefix, rateLimitPerMinute },
    });
    const key = toApiKeySummary(row, new Map(campaigns.map((c) => [c.id, c])), new Map([[actor.id, { name: actor.name, email: actor.email }]]));
    return { key, secret };
  });
}
