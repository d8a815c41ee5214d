// The product's own processes as tests, drills and benchmarks run them: the public app's
// production server, the worker, the seed and the production builds. They are started by path
// (never imported: packages do not import apps), each with the environment it is given and
// nothing of a developer's (inheritedEnv drops their tuning variables, ENV_FILE=off their .env).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { startProcess, type LogLine, type StartProcessOptions, type TestProcess } from './processes';
import { buildSecrets, inheritedEnv } from './test-env';
import { waitUntilUp } from './wait-until-up';
import { sleep } from './eventually';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const WEB = path.join(REPO_ROOT, 'apps', 'web');
const WORKER = path.join(REPO_ROOT, 'apps', 'worker');

type OutputOptions = Pick<StartProcessOptions, 'logFile' | 'onOutput'>;

export interface WebServer extends TestProcess {
  /** Where it answers, e.g. http://127.0.0.1:41234 (also its PUBLIC_WEB_URL). */
  url: string;
}

export interface WebServerOptions extends OutputOptions {
  /** The environment (testEnv(...) and any overrides). */
  env: Record<string, string>;
  /** A port chosen beforehand (e.g. to give the staff app the public URL first). */
  port?: number;
  /** The host name in `url` and PUBLIC_WEB_URL (the server listens on 127.0.0.1 either way). */
  host?: string;
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

/**
 * The public app's production server as `npm run start -w @undersigned/web` runs it (`tsx
 * server.ts`, which answers the sign POST itself and hands the rest to Next), started as one node
 * process so that stopping it stops the server. Resolves once /healthz answers.
 */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const port = options.port ?? (await freePort());
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const proc = startProcess(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server.ts'], {
    cwd: WEB,
    env: { ...inheritedEnv(), ...options.env, NODE_ENV: 'production', PORT: String(port), HOSTNAME: '127.0.0.1', PUBLIC_WEB_URL: url },
    logFile: options.logFile,
    onOutput: options.onOutput,
  });
  try {
    await waitUntilUp(`${url}/healthz`, {
      timeoutMs: options.timeoutMs ?? 60_000,
      alive: proc.alive,
      hint: options.logFile ? `see ${options.logFile}` : undefined,
    });
  } catch (error) {
    await proc.stop();
    throw new Error(`${(error as Error).message}\n${proc.output().slice(-3000)}`);
  }
  return { ...proc, url };
}

export interface WorkerProcess extends TestProcess {
  /** The "worker started" log line (its `port` is the health port); rejects if it never comes. */
  started: Promise<LogLine>;
}

/**
 * The V8 flags of the worker's `start` script (its heap limits: see apps/worker/README.md), read
 * from apps/worker/package.json so that tests and benchmarks run the worker as production does.
 */
export function workerNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(WORKER, 'package.json'), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter((token) => /^--max-[a-z-]+=\d+$/.test(token));
}

/** The real worker (apps/worker src/index.ts, as `npm run start -w @undersigned/worker` runs it). */
export function startWorker(env: Record<string, string>, options: OutputOptions & { startTimeoutMs?: number } = {}): WorkerProcess {
  const proc = startProcess(process.execPath, [...workerNodeFlags(), '--import', 'tsx', 'src/index.ts'], {
    cwd: WORKER,
    env: { ...inheritedEnv(), NODE_ENV: 'test', ...env },
    logFile: options.logFile,
    onOutput: options.onOutput,
  });
  const started = proc.waitForLine((l) => l.msg === 'worker started', options.startTimeoutMs ?? 60_000);
  // Not every test waits for it (one checks that a bad variable stops the boot).
  started.catch(() => undefined);
  return { ...proc, started };
}

/** The demo seed (`npm run db:seed`) into the database of `env` (testEnv gives the admin). */
export function seedDatabase(env: Record<string, string>): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'prisma', 'seed', 'index.ts')], {
    cwd: REPO_ROOT,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see startProcess
    env: { ...inheritedEnv(), ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/**
 * A production build of apps/web or apps/staff: made when there is none, or always with
 * `rebuild`. Waits out a build someone else is running on the same tree (Next refuses a second).
 */
export async function ensureAppBuild(app: 'web' | 'staff', options: { rebuild?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const buildId = path.join(REPO_ROOT, 'apps', app, '.next', 'BUILD_ID');
  const until = Date.now() + (options.timeoutMs ?? 6 * 60_000);
  let rebuild = options.rebuild ?? false;
  // Built with the test secrets set, as scripts/test.mjs builds: the client-bundle scan looks for them.
  const env: Record<string, string> = { ...inheritedEnv(), ...buildSecrets(), ENV_FILE: 'off', NEXT_TELEMETRY_DISABLED: '1' };
  while (rebuild || !existsSync(buildId)) {
    const r = spawnSync('npm', ['run', 'build', '-w', `@undersigned/${app}`], {
      cwd: REPO_ROOT,
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see startProcess
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status === 0) return;
    const output = `${r.stdout}\n${r.stderr}`;
    if (!/Another next build process is already running/.test(output) || Date.now() > until) {
      throw new Error(`building apps/${app} failed:\n${output.slice(-4000)}`);
    }
    rebuild = false;
    await sleep(5_000);
  }
}
