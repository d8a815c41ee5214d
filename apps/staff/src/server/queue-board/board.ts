import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { openDashboardQueues } from '@undersigned/jobs';
import { FetchAdapter } from './fetch-adapter';
import { showIdsOnly } from './redact';

/** Where the dashboard is mounted (src/app/admin/queues/[[...path]]/route.ts). */
export const BOARD_BASE_PATH = '/admin/queues';

const globalForBoard = globalThis as unknown as { undersignedQueueBoard?: { adapter: FetchAdapter; close(): Promise<void> } };

/**
 * The Bull Board for every queue the worker consumes (packages/jobs QUEUES, with QUEUE_PREFIX),
 * created on first use and kept for the process, on its own Redis connection (REDIS_URL). Job
 * data, return values and progress pass through `showIdsOnly`; the adapter masks email-like
 * strings in everything else it answers.
 */
export function queueBoard(): FetchAdapter {
  if (globalForBoard.undersignedQueueBoard) return globalForBoard.undersignedQueueBoard.adapter;
  const dashboard = openDashboardQueues();
  const adapter = new FetchAdapter(BOARD_BASE_PATH);
  createBullBoard({
    queues: dashboard.queues.map((queue) => {
      const board = new BullMQAdapter(queue, { readOnlyMode: false, allowRetries: true, allowCompletedRetries: false } as ConstructorParameters<
        typeof BullMQAdapter
      >[1]);
      board.setFormatter('data', showIdsOnly);
      board.setFormatter('returnValue', showIdsOnly);
      board.setFormatter('progress', showIdsOnly);
      return board;
    }),
    serverAdapter: adapter,
    options: {
      uiConfig: {
        boardTitle: 'Undersigned queues',
        hideDocsLink: true,
        miscLinks: [{ text: 'Back to the staff app', url: '/campaigns' }],
      },
    },
  });
  globalForBoard.undersignedQueueBoard = { adapter, close: () => dashboard.close() };
  return adapter;
}

/** Closes the board's queues and Redis connection (tests; the next queueBoard() opens new ones). */
export async function closeQueueBoard(): Promise<void> {
  const board = globalForBoard.undersignedQueueBoard;
  globalForBoard.undersignedQueueBoard = undefined;
  await board?.close();
}
