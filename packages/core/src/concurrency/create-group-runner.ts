export interface GroupRunnerOptions {
  /** Most groups being run at once; items arriving meanwhile wait for the next group. */
  maxInFlight: number;
  /** Most items in one group. */
  maxGroup: number;
}

export interface GroupRunner<T> {
  /** Queues an item; it runs with the next group that has room. */
  push(item: T): void;
  queued(): number;
  inFlight(): number;
  /** Resolves when nothing is queued or running. */
  idle(): Promise<void>;
}

/**
 * The grouping behind the hot sign path's group commit and grouped rate-limit checks: items that
 * arrive while `maxInFlight` groups are running wait, and the next free slot takes up to
 * `maxGroup` of them at once, in arrival order. At rest an item runs alone at once; under load the
 * groups grow by themselves. `run` settles its own items (it must not throw).
 */
export function createGroupRunner<T>(run: (group: T[]) => Promise<void>, options: GroupRunnerOptions): GroupRunner<T> {
  const queue: T[] = [];
  const waiting: (() => void)[] = [];
  let inFlight = 0;

  function pump(): void {
    while (inFlight < options.maxInFlight && queue.length > 0) {
      const group = queue.splice(0, options.maxGroup);
      inFlight += 1;
      void run(group).finally(() => {
        inFlight -= 1;
        pump();
        if (inFlight === 0 && queue.length === 0) waiting.splice(0).forEach((fn) => fn());
      });
    }
  }

  return {
    push(item) {
      queue.push(item);
      pump();
    },
    queued: () => queue.length,
    inFlight: () => inFlight,
    idle: () => (inFlight === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiting.push(resolve))),
  };
}
