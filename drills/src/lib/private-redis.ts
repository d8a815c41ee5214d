// A redis-server of the drill's own on a free port, to kill and start again (never the machine's
// shared one on 6379).
import { eventually, freePort, inheritedEnv, startProcess, type TestProcess } from '@undersigned/testing';

export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGKILL: an outage, and since nothing is persisted it comes back empty. */
  kill(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: TestProcess | undefined;
  const r: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const p = startProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        cwd: __dirname,
        env: inheritedEnv(),
      });
      proc = p;
      await eventually(() => /Ready to accept connections/.test(p.output()), { timeoutMs: 10_000, everyMs: 20, what: 'redis-server ready' });
    },
    async kill() {
      await proc?.kill();
    },
  };
  await r.start();
  return r;
}
