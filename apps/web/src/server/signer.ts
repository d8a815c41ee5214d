import pg from 'pg';
import {
  createSignatureBatcher,
  createSignatureLimiter,
  createSigner,
  DEFAULT_SIGNATURE_LIMITS,
  pgExecutor,
  type Signer,
  type SignatureLimits,
} from '@undersigned/core';
import { enqueueConfirmationEmail } from '@undersigned/jobs';
import { batchObserver, processMetrics, signatureLimiterObserver, signObserver } from '@undersigned/metrics';
import { webEnv, type WebEnv } from './env';
import { webLogger } from './log';
import { getRedis } from './redis';

/**
 * The public app's sign path: core's one signer (createSigner) wired to this process's singletons —
 * a small `pg` pool dedicated to signatures with the group-commit batcher over it (issue 6), the
 * group-checked rate limiter on the app's Redis, the confirmation-email queue, and the secrets
 * from the environment. Every entry point (server action, OSDI JSON and form posts, the custom
 * server's fast path) signs through getSigner().
 */
interface SignerProcess {
  signer: Signer;
  pool: pg.Pool;
  stats?: NodeJS.Timeout;
}

const globalForSigner = globalThis as unknown as { __undersignedSigner?: SignerProcess };

/** The default limits, with any SIGN_LIMIT_* overrides from the environment. */
function signatureLimits(env: WebEnv): SignatureLimits {
  const d = DEFAULT_SIGNATURE_LIMITS;
  return {
    ...d,
    perIp: {
      ...d.perIp,
      suspiciousAbove: env.SIGN_LIMIT_PER_IP_SUSPICIOUS ?? d.perIp.suspiciousAbove,
      blockAt: env.SIGN_LIMIT_PER_IP_BLOCK ?? d.perIp.blockAt,
    },
    perEmailDomain: {
      ...d.perEmailDomain,
      suspiciousAbove: env.SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS ?? d.perEmailDomain.suspiciousAbove,
      blockAt: env.SIGN_LIMIT_PER_DOMAIN_BLOCK ?? d.perEmailDomain.blockAt,
    },
  };
}

function start(env: WebEnv): SignerProcess {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.SIGN_POOL_MAX,
    connectionTimeoutMillis: 3_000,
    // A statement stuck behind a dead server must fail (→ 503), never hang the caller.
    query_timeout: 10_000,
  });
  const logger = webLogger();
  pool.on('error', (error) => logger.warn({ component: 'sign', err: error }, 'signature pool error'));
  const exec = pgExecutor(pool);
  // Metrics (docs/metrics.md): observers only when on, so METRICS_ENABLED=false costs nothing here.
  const metrics = processMetrics(env, 'web');
  const batcher = createSignatureBatcher(exec, {
    maxInFlight: env.SIGN_MAX_IN_FLIGHT,
    maxBatch: env.SIGN_MAX_BATCH,
    maxQueued: env.SIGN_MAX_QUEUED,
    logger,
    observe: metrics ? batchObserver(metrics) : undefined,
  });
  metrics?.observeSignQueue(() => batcher.stats());
  metrics?.observePool('sign', pool);
  const signer = createSigner({
    exec,
    batcher,
    observe: metrics ? signObserver(metrics) : undefined,
    limiter: createSignatureLimiter(getRedis(), {
      limits: signatureLimits(env),
      logger,
      observe: metrics ? signatureLimiterObserver(metrics) : undefined,
    }),
    rateLimitPrefix: env.RATE_LIMIT_PREFIX,
    enqueueConfirmation: (signatureId) => enqueueConfirmationEmail({ signatureId }),
    secrets: { ipHash: env.IP_HASH_SECRET, confirmToken: env.CONFIRM_TOKEN_SECRET },
    logger,
  });
  if (!env.SIGN_STATS_INTERVAL_MS) return { signer, pool };
  let last = batcher.stats();
  const stats = setInterval(() => {
    const now = batcher.stats();
    const rows = now.rows - last.rows;
    const batches = now.batches - last.batches;
    logger.info(
      {
        rows,
        batches,
        avgBatch: batches ? +(rows / batches).toFixed(1) : 0,
        largest: now.largestBatch,
        queued: now.queued,
        rejected: now.rejected,
      },
      'sign.batcher',
    );
    last = now;
  }, env.SIGN_STATS_INTERVAL_MS).unref();
  return { signer, pool, stats };
}

export function getSigner(): Signer {
  globalForSigner.__undersignedSigner ??= start(webEnv());
  return globalForSigner.__undersignedSigner.signer;
}

/**
 * Graceful shutdown (server.ts on SIGTERM; tests): the signer answers every new attempt
 * `unavailable` (503 + Retry-After), waits for the signatures under way — their group-commit
 * batches committed and their callers answered — then the signature pool is closed.
 */
export async function closeSigner(): Promise<void> {
  const running = globalForSigner.__undersignedSigner;
  if (!running) return;
  if (running.stats) clearInterval(running.stats);
  await running.signer.close();
  globalForSigner.__undersignedSigner = undefined;
  await running.pool.end();
}
