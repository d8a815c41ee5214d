import { dispatchWebhookEvents, pruneWebhookLog, sendDueWebhooks } from '@undersigned/core';
import type { JobResult, WorkerContext } from '../../context';

const PRUNE_EVERY_MS = 3600_000;
let lastPrunedAt = 0;

/**
 * webhooks.tick (every WEBHOOK_TICK_MS): dispatch the outbox into deliveries and POST the due ones,
 * round after round until there is nothing to do or WEBHOOK_RUN_MS passed, so a burst drains in
 * one run rather than one round per tick. A graceful shutdown stops after the round in flight
 * (its POSTs finish and are recorded). About hourly, the log older than 30 days is pruned.
 */
export async function webhooksTick(_job: unknown, ctx: WorkerContext): Promise<JobResult> {
  const { env } = ctx;
  const started = Date.now();
  const totals = { rounds: 0, events: 0, deliveries: 0, posts: 0, succeeded: 0, retrying: 0, failed: 0, disabled: 0 };
  while (Date.now() - started < env.WEBHOOK_RUN_MS && !ctx.isClosing()) {
    const dispatched = await dispatchWebhookEvents(ctx.db, { batchSize: env.WEBHOOK_BATCH_SIZE, maxWaitMs: env.WEBHOOK_BATCH_WAIT_MS });
    const sent = await sendDueWebhooks(ctx.db, {
      baseUrl: env.PUBLIC_WEB_URL,
      concurrency: env.WEBHOOK_CONCURRENCY,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      retryBaseMs: env.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: env.WEBHOOK_RETRY_MAX_MS,
      giveUpMs: env.WEBHOOK_GIVE_UP_MS,
      allowPrivateUrls: env.WEBHOOK_ALLOW_PRIVATE_URLS,
    });
    if (dispatched.events === 0 && sent.claimed === 0) break;
    totals.rounds += 1;
    totals.events += dispatched.events;
    totals.deliveries += dispatched.deliveries;
    totals.posts += sent.claimed;
    totals.succeeded += sent.succeeded;
    totals.retrying += sent.retrying;
    totals.failed += sent.failed;
    totals.disabled += sent.disabled;
  }
  let pruned: { deliveries: number; events: number } | undefined;
  if (Date.now() - lastPrunedAt > PRUNE_EVERY_MS && !ctx.isClosing()) {
    lastPrunedAt = Date.now();
    pruned = await pruneWebhookLog(ctx.db);
  }
  const didPrune = pruned !== undefined && pruned.deliveries + pruned.events > 0;
  if (totals.rounds === 0 && !didPrune) return { outcome: 'idle' };
  return { outcome: totals.rounds ? 'sent' : 'pruned', ...totals, ...(didPrune ? { pruned } : {}), ms: Date.now() - started };
}
