// Real processes for the drills: the public app's production server, worker processes, a private
// redis-server, and a TCP proxy that can cut a connection path (PostgreSQL "going away").
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const WEB = path.join(ROOT, 'apps', 'web');
const WORKER = path.join(ROOT, 'apps', 'worker');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until fn returns a truthy value. */
export async function eventually<T>(fn: () => Promise<T>, timeoutMs = 30_000, everyMs = 250): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < until) {
    last = await fn();
    if (last) return last;
    await sleep(everyMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms (last: ${JSON.stringify(last, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))})`);
}

export interface Proc {
  child: ChildProcess;
  /** stdout and stderr, as received. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive: () => boolean;
  stop: () => Promise<void>;
}

function track(child: ChildProcess): Proc {
  let out = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => out,
    exited,
    alive,
    stop: async () => {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface WebServer extends Proc {
  url: string;
}

export interface WebOptions {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  env?: Record<string, string>;
}

/** `npm run start -w @undersigned/web` (tsx server.ts) on a free port: the production server. */
export async function startWeb(options: WebOptions): Promise<WebServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: WEB,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.queuePrefix,
      PUBLIC_WEB_URL: url,
      IP_HASH_SECRET: 'drills-ip-hash-secret-0123456789abcdefghij',
      CONFIRM_TOKEN_SECRET: 'drills-confirm-token-secret-0123456789abcd',
      RATE_LIMIT_PREFIX: `drills:rl:${options.queuePrefix}`,
      // Every drill signs from 127.0.0.1: lift the per-IP/per-domain limits (they still run and
      // still touch Redis, which is what drill 2 needs).
      SIGN_LIMIT_PER_IP_SUSPICIOUS: '10000000',
      SIGN_LIMIT_PER_IP_BLOCK: '10000001',
      SIGN_LIMIT_PER_DOMAIN_SUSPICIOUS: '10000000',
      SIGN_LIMIT_PER_DOMAIN_BLOCK: '10000001',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child);
  const until = Date.now() + 60_000;
  for (;;) {
    if (!proc.alive()) throw new Error(`web server exited during start:\n${proc.output().slice(-3000)}`);
    try {
      const res = await fetch(`${url}/api/v1/petitions`);
      if (res.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`web server not up within 60 s:\n${proc.output().slice(-3000)}`);
    await sleep(200);
  }
  return { ...proc, url };
}

export interface Worker extends Proc {
  /** JSON log lines of the process. */
  lines: () => Record<string, unknown>[];
  started: Promise<void>;
}

/** The real worker (apps/worker src/index.ts) as a child process. */
export function startWorker(env: Record<string, string>): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: WORKER,
    env: { ...process.env, NODE_ENV: 'test', WORKER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc = track(child);
  const parse = () =>
    proc
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>];
        } catch {
          return [];
        }
      });
  const started = (async () => {
    const until = Date.now() + 30_000;
    while (!parse().some((l) => l.msg === 'worker started')) {
      if (!proc.alive() || Date.now() > until) throw new Error(`worker did not start:\n${proc.output().slice(-3000)}`);
      await sleep(50);
    }
  })();
  started.catch(() => undefined);
  return { ...proc, lines: parse, started };
}

export async function killHard(proc: Proc): Promise<void> {
  if (!proc.alive()) return;
  proc.child.kill('SIGKILL');
  await proc.exited;
}

export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** SIGKILL: an outage, and since nothing is persisted it comes back empty. */
  kill(): Promise<void>;
}

/** A redis-server of the drill's own on a free port (never the machine's shared 6379). */
export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let proc: Proc | undefined;
  const r: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      proc = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] }));
      const until = Date.now() + 10_000;
      while (!/Ready to accept connections/.test(proc.output())) {
        if (!proc.alive() || Date.now() > until) throw new Error(`redis-server did not start:\n${proc.output()}`);
        await sleep(20);
      }
    },
    async kill() {
      if (proc) await killHard(proc);
    },
  };
  await r.start();
  return r;
}

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones, like a database that went away. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  connections(): number;
}

/** A TCP proxy to 127.0.0.1:targetPort on a free port of its own. */
export async function tcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const port = await freePort();
  let server: net.Server | null = null;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const unlisten = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = null;
      if (!s) return resolve();
      s.close(() => resolve());
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    });
  await listen();
  return {
    port,
    cut: unlisten,
    restore: listen,
    close: unlisten,
    connections: () => sockets.size / 2,
  };
}
