export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const describe = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value);

/**
 * Polls `fn` until it returns a truthy value and returns that value; throws after `timeoutMs`
 * naming the last value seen. An exception thrown by `fn` counts as "not yet" (a server that is
 * not listening yet refuses the connection) and is named if it is the last thing seen.
 */
export async function eventually<T>(
  fn: () => Promise<T> | T,
  options: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<NonNullable<T>> {
  const { timeoutMs = 30_000, everyMs = 250, what = 'condition' } = options;
  const until = Date.now() + timeoutMs;
  let last = 'nothing yet';
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
      last = describe(value);
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= until) throw new Error(`${what} not met within ${timeoutMs} ms (last: ${last})`);
    await sleep(everyMs);
  }
}
