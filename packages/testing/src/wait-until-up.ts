import { sleep } from './eventually';

export interface WaitUntilUpOptions {
  timeoutMs?: number;
  /** Which answers mean "up" (default: any status below 500). */
  ready?: (response: Response) => boolean;
  /** While false the server is known to have died: stop waiting at once. */
  alive?: () => boolean;
  /** Appended to the error, e.g. where the server's log is. */
  hint?: string;
}

/** Waits until `url` answers as `ready` (a server we started is listening), or throws. */
export async function waitUntilUp(url: string, options: WaitUntilUpOptions = {}): Promise<void> {
  const { timeoutMs = 60_000, ready = (r) => r.status < 500, alive = () => true, hint } = options;
  const until = Date.now() + timeoutMs;
  const suffix = hint ? `; ${hint}` : '';
  let last = 'no answer';
  for (;;) {
    if (!alive()) throw new Error(`the server for ${url} exited while starting${suffix}`);
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.body?.cancel();
      if (ready(response)) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    if (Date.now() >= until) throw new Error(`${url} was not up within ${timeoutMs} ms (last: ${last})${suffix}`);
    await sleep(200);
  }
}
