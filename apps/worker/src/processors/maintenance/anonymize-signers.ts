import { anonymizeClosedCampaignSigners } from '@undersigned/core';
import type { JobResult, WorkerContext } from '../../context';

/** maintenance.anonymize-signers: data retention (RETENTION_DAYS), audited per campaign by core. */
export async function anonymizeSigners(_job: unknown, ctx: WorkerContext): Promise<JobResult> {
  const campaigns = await anonymizeClosedCampaignSigners(ctx.db, { retentionDays: ctx.env.RETENTION_DAYS });
  return campaigns.length ? { outcome: 'anonymized', retentionDays: ctx.env.RETENTION_DAYS, campaigns } : { outcome: 'idle' };
}
