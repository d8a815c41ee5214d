import { AppError } from '../errors';
import { campaignInputSchema, type CampaignInput, type ValidCampaignInput } from './campaign-input';

/** Validates campaign editor input; AppError `validation` with "path.to.field" → message key. */
export function parseCampaignInput(input: CampaignInput): ValidCampaignInput {
  const parsed = campaignInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join('.');
    fields[key] ??= issue.code === 'invalid_type' ? 'required' : issue.message;
  }
  throw new AppError('validation', 'Some fields need attention.', fields);
}
