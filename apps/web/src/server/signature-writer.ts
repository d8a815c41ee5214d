import pg from 'pg';
import {
  createSignatureBatcher,
  getSigningCampaign,
  pgExecutor,
  type SignatureBatcher,
  type SigningCampaign,
} from '@/server/core';
import { webEnv } from './env';

/**
 * The hot sign path's database side, one per process (issue 6): a small `pg` pool dedicated to
 * signatures, the group-commit batcher over it, and a one-second cache of the signing campaign.
 * The cache cannot let a closed campaign take a signature: writeSignatures re-checks `published`
 * in the same statement that inserts.
 */
interface SignatureWriter {
  pool: pg.Pool;
  batcher: SignatureBatcher;
  campaigns: Map<string, { at: number; value: SigningCampaign | Error }>;
}

const CAMPAIGN_TTL_MS = 1_000;
const globalForWriter = globalThis as unknown as { __undersignedSignatureWriter?: SignatureWriter };

export function getSignatureWriter(): SignatureWriter {
  if (!globalForWriter.__undersignedSignatureWriter) {
    const env = webEnv();
    const pool = new pg.Pool({
      connectionString: env.DATABASE_URL,
      max: env.SIGN_POOL_MAX,
      connectionTimeoutMillis: 3_000,
      // A statement stuck behind a dead server must fail (→ 503), never hang the caller.
      query_timeout: 10_000,
    });
    pool.on('error', (error) => console.warn(`[web] signature pool: ${error.message}`));
    const batcher = createSignatureBatcher(pgExecutor(pool), {
      maxInFlight: env.SIGN_MAX_IN_FLIGHT,
      maxBatch: env.SIGN_MAX_BATCH,
      maxQueued: env.SIGN_MAX_QUEUED,
    });
    globalForWriter.__undersignedSignatureWriter = { pool, batcher, campaigns: new Map() };
    if (env.SIGN_STATS_INTERVAL_MS) {
      let last = batcher.stats();
      setInterval(() => {
        const now = batcher.stats();
        const rows = now.rows - last.rows;
        const batches = now.batches - last.batches;
        console.log(
          JSON.stringify({ msg: 'sign.batcher', rows, batches, avgBatch: batches ? +(rows / batches).toFixed(1) : 0, largest: now.largestBatch, queued: now.queued, rejected: now.rejected }),
        );
        last = now;
      }, env.SIGN_STATS_INTERVAL_MS).unref();
    }
  }
  return globalForWriter.__undersignedSignatureWriter;
}

/** getSigningCampaign through the per-process one-second cache (errors are cached too). */
export async function signingCampaign(slug: string): Promise<SigningCampaign> {
  const writer = getSignatureWriter();
  const hit = writer.campaigns.get(slug);
  const now = Date.now();
  if (hit && now - hit.at < CAMPAIGN_TTL_MS) {
    if (hit.value instanceof Error) throw hit.value;
    return hit.value;
  }
  try {
    const campaign = await getSigningCampaign(pgExecutor(writer.pool), slug);
    writer.campaigns.set(slug, { at: now, value: campaign });
    return campaign;
  } catch (error) {
    // Only "not found / not open" answers are cached; database errors are retried next time.
    if ((error as { code?: unknown }).code === 'not_found' || (error as { code?: unknown }).code === 'campaign_not_open') {
      if (writer.campaigns.size > 10_000) writer.campaigns.clear();
      writer.campaigns.set(slug, { at: now, value: error as Error });
    }
    throw error;
  }
}
