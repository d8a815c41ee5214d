import { randomBytes } from 'node:crypto';
import { getLogger, type Logger } from '@undersigned/log';
import { createGroupRunner } from '../concurrency/create-group-runner';
import { AppError } from '../errors';
import type { PreparedSignature } from './prepare-signature';
import type { SqlExecutor } from './sql-executor';
import { writeSignatures, type WriteOutcome } from './write-signatures';

export interface SignatureBatcherOptions {
  /** Most signatures in one statement. */
  maxBatch?: number;
  /** Most statements in flight at once; while they run, new signatures queue for the next one. */
  maxInFlight?: number;
  /** Queue limit: beyond it write() fails fast with AppError `unavailable` (HTTP 503 + Retry-After). */
  maxQueued?: number;
  /**
   * Where each committed batch is logged (`sign batch committed`: batchId, size, commitMs and the
   * reqIds of its signatures) and a failed one (`sign batch failed`). Default: the process's logger.
   */
  logger?: Pick<Logger, 'info' | 'error'>;
  /** Told of every statement once it committed or failed (metrics): its rows and how long it took. */
  observe?: (batch: SignatureBatchObservation) => void;
}

export interface SignatureBatchObservation {
  size: number;
  seconds: number;
  ok: boolean;
}

export interface SignatureBatcherStats {
  batches: number;
  rows: number;
  largestBatch: number;
  inFlight: number;
  queued: number;
  rejected: number;
}

export interface SignatureBatcher {
  /**
   * Resolves once the signature's row is committed (never before: docs/DESIGN.md invariant 1).
   * `reqId`, the HTTP request's id, is listed in the log line of the batch that holds the row.
   */
  write(entry: PreparedSignature, reqId?: string): Promise<WriteOutcome>;
  stats(): SignatureBatcherStats;
  /** Resolves when nothing is queued or in flight. */
  drain(): Promise<void>;
}

interface Pending {
  entry: PreparedSignature;
  reqId: string | undefined;
  resolve(outcome: WriteOutcome): void;
  reject(error: unknown): void;
}

/** Postgres data/integrity errors (SQLSTATE classes 22, 23): one row's fault, not the batch's. */
function isRowError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/**
 * Group commit for the hot sign path: signatures arriving while a statement is in flight are
 * written together by the next one (at most `maxInFlight` at a time), and each caller is answered
 * only after the statement holding its row commits. Under load batches grow by themselves; at
 * rest every signature is written at once. If a batch fails on one row's data, its rows are
 * retried one by one so a bad row cannot take the others down.
 */
export function createSignatureBatcher(exec: SqlExecutor, options: SignatureBatcherOptions = {}): SignatureBatcher {
  const maxBatch = options.maxBatch ?? 1000;
  const maxInFlight = options.maxInFlight ?? 2;
  const maxQueued = options.maxQueued ?? 20_000;
  const counters = { batches: 0, rows: 0, largestBatch: 0, rejected: 0 };
  const logger = options.logger ?? getLogger('core');
  const { observe } = options;
  // Batch ids: this batcher's random prefix and a counter (unique across processes, in order within one).
  const batchPrefix = randomBytes(3).toString('hex');
  let batchNumber = 0;

  async function run(batch: Pending[]): Promise<void> {
    const batchId = `${batchPrefix}-${(batchNumber += 1)}`;
    const startedAt = performance.now();
    const reqIds = () => batch.flatMap((p) => (p.reqId === undefined ? [] : [p.reqId]));
    try {
      const outcomes = await writeSignatures(
        exec,
        batch.map((p) => p.entry),
      );
      const commitSeconds = (performance.now() - startedAt) / 1000;
      logger.info({ batchId, size: batch.length, commitMs: +(commitSeconds * 1000).toFixed(1), reqIds: reqIds() }, 'sign batch committed');
      observe?.({ size: batch.length, seconds: commitSeconds, ok: true });
      counters.batches += 1;
      counters.rows += batch.length;
      counters.largestBatch = Math.max(counters.largestBatch, batch.length);
      batch.forEach((p, i) => p.resolve(outcomes[i]!));
    } catch (error) {
      observe?.({ size: batch.length, seconds: (performance.now() - startedAt) / 1000, ok: false });
      if (batch.length > 1 && isRowError(error)) {
        for (const p of batch) await run([p]);
      } else {
        logger.error({ batchId, size: batch.length, reqIds: reqIds(), err: error }, 'sign batch failed');
        for (const p of batch) p.reject(error);
      }
    }
  }

  const groups = createGroupRunner(run, { maxInFlight, maxGroup: maxBatch });

  return {
    write(entry, reqId) {
      if (groups.queued() >= maxQueued) {
        counters.rejected += 1;
        return Promise.reject(new AppError('unavailable', 'Too many signatures are waiting to be saved. Please try again.'));
      }
      return new Promise<WriteOutcome>((resolve, reject) => groups.push({ entry, reqId, resolve, reject }));
    },
    stats: () => ({ ...counters, inFlight: groups.inFlight(), queued: groups.queued() }),
    drain: () => groups.idle(),
  };
}
