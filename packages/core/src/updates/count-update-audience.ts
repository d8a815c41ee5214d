import type { Db } from '@undersigned/db';
import { AUDIENCE_FROM_WHERE, audienceParams } from './update-audience';

export interface UpdateAudience {
  total: number;
  en: number;
  es: number;
}

/**
 * How many people an update to this campaign would reach now, by language (the count shown
 * before sending). The same filter as the planner's, so the number is what gets planned, give
 * or take signatures and unsubscribes arriving in between.
 */
export async function countUpdateAudience(db: Db, campaignId: number, secret: string): Promise<UpdateAudience> {
  const rows = await db.$queryRawUnsafe<{ locale: 'en' | 'es'; n: bigint }[]>(
    `SELECT s.locale::text AS locale, count(*) AS n ${AUDIENCE_FROM_WHERE} GROUP BY s.locale`,
    ...audienceParams(campaignId, secret),
  );
  const by = { en: 0, es: 0 };
  for (const r of rows) by[r.locale] = Number(r.n);
  return { total: by.en + by.es, ...by };
}
