import type { Db } from '@undersigned/db';
import { AppError, isAppError } from '../errors';
import { checkWebhookUrl, type CheckWebhookUrlOptions } from './check-webhook-url';
import { parseWebhookEndpointInput, type ValidWebhookEndpointInput } from './webhook-endpoint-input';

/** How create and update check an endpoint's URL. */
export interface WebhookUrlPolicy {
  /** Development only (the staff app's WEBHOOK_ALLOW_PRIVATE_URLS): accept loopback and private addresses. */
  allowPrivateUrls?: boolean;
  /** DNS for the check (tests inject one); node:dns by default. */
  lookup?: CheckWebhookUrlOptions['lookup'];
}

/**
 * Everything create and update require before writing: the fields parse, the URL reaches a public
 * address (checkWebhookUrl — the sender checks again before every POST) and each chosen campaign
 * exists. Throws AppError `validation` with field errors; the URL's error is a sentence naming the
 * address, since only it says what is wrong.
 */
export async function validateWebhookEndpoint(db: Db, input: unknown, policy: WebhookUrlPolicy): Promise<ValidWebhookEndpointInput> {
  const checkUrl = async (url: string): Promise<string | null> => {
    const check = await checkWebhookUrl(url, { allowPrivate: policy.allowPrivateUrls === true, lookup: policy.lookup });
    return check.ok ? null : `${check.reason} Webhooks must reach a public address.`;
  };
  let data: ValidWebhookEndpointInput;
  try {
    data = parseWebhookEndpointInput(input);
  } catch (error) {
    // Other fields are wrong too: say at once whether the (well-formed) URL would be refused.
    const url = typeof input === 'object' && input !== null && 'url' in input ? input.url : undefined;
    if (!isAppError(error) || error.fields.url || typeof url !== 'string') throw error;
    const urlError = await checkUrl(url.trim());
    throw urlError ? new AppError('validation', error.message, { ...error.fields, url: urlError }) : error;
  }
  const urlError = await checkUrl(data.url);
  if (urlError) throw new AppError('validation', 'Some fields need attention.', { url: urlError });
  if (data.campaignIds.length > 0) {
    const found = await db.campaign.count({ where: { id: { in: data.campaignIds } } });
    if (found !== data.campaignIds.length) throw new AppError('validation', 'Some fields need attention.', { campaignIds: 'invalid_campaign' });
  }
  return data;
}
