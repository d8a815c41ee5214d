// Helpers shared by the campaign-page and live-count benchmarks: a fresh production build when the
// sources changed, wrk GET runs, and the Postgres transaction counter of one database.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { adminUrl, createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { startWebServer, type WebServer } from '@undersigned/testing';
import { benchEnv, echo, printTable, ROOT, type Row, type WrkResult } from './lib';

const WEB = path.join(ROOT, 'apps', 'web');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.next' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds apps/web for production (`npm run build -w @undersigned/web`) when .next is missing or
 * older than any source of the app or the packages it bundles; BENCH_BUILD=1 forces a build,
 * BENCH_BUILD=0 never builds.
 */
export function ensureWebBuild(): void {
  const buildId = path.join(WEB, '.next', 'BUILD_ID');
  const forced = process.env.BENCH_BUILD;
  if (forced === '0') return;
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sources = Math.max(
    newestMtime(path.join(WEB, 'src')),
    statSync(path.join(WEB, 'next.config.ts')).mtimeMs,
    ...['core', 'db', 'ui', 'jobs', 'config'].map((p) =>
      existsSync(path.join(ROOT, 'packages', p, 'src')) ? newestMtime(path.join(ROOT, 'packages', p, 'src')) : 0,
    ),
  );
  if (forced !== '1' && built > sources) return;
  console.log(built ? '.next is older than the sources: building apps/web…' : 'no build of apps/web: building…');
  execFileSync('npm', ['run', 'build', '-w', '@undersigned/web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface PageBench {
  t: TestDatabase;
  /** Statements of the bench database (opened). */
  stats: StatementCounter;
  /** The table printed at the end, pass or miss. */
  rows: Row[];
  loadBefore: string;
  /**
   * The public app's production server — what `npm run start -w @undersigned/web` runs (`tsx
   * server.ts`), started as one node process so that stopping it stops the server (through npm,
   * the SIGTERM would reach npm only) — on the bench database; stopped at the end.
   */
  startWeb: () => Promise<WebServer>;
}

/**
 * One page benchmark: the build checked first, a fresh database and its statement counter, then
 * `run` (which seeds and starts the server); the table is printed and everything stopped and
 * dropped whatever happens, and the process exits non-zero on a miss or an error.
 */
export async function runPageBench(label: string, title: () => string, run: (bench: PageBench) => Promise<void>): Promise<never> {
  try {
    ensureWebBuild();
    const loadBefore = loadAverage();
    const t = await createTestDatabase(`bench_${label}`);
    const stats = new StatementCounter(new URL(t.url).pathname.slice(1));
    await stats.open();
    let app: WebServer | undefined;
    const bench: PageBench = {
      t,
      stats,
      rows: [],
      loadBefore,
      startWeb: async () => (app = await startWebServer({ env: benchEnv(t.url, label), onOutput: echo('web'), timeoutMs: 120_000 })),
    };
    try {
      await run(bench);
    } finally {
      printTable(title(), bench.rows);
      await app?.stop();
      await stats.close();
      await t.drop();
    }
    process.exit(bench.rows.some((r) => r.pass === false) ? 1 : 0);
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}

/** wrk with plain GETs of `url` (bench/get-load.lua). */
export function wrkGet(url: string, seconds: number, connections = 64): WrkResult {
  const r = spawnSync(
    'wrk',
    ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '--latency', '-s', path.join(ROOT, 'bench', 'get-load.lua'), url],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  const line = r.stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`wrk gave no result:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as WrkResult;
}

export const ok2xx = (r: WrkResult) =>
  Object.entries(r.statuses)
    .filter(([s]) => Number(s) >= 200 && Number(s) < 300)
    .reduce((sum, [, n]) => sum + n, 0);
export const perSecond = (r: WrkResult) => r.requests / (r.duration_us / 1e6);

/**
 * Transactions committed (or rolled back) in one database, read from pg_stat_database through the
 * maintenance database so the reads themselves are not counted. Outside an explicit transaction
 * every statement is its own transaction, which is how the web app reads: this is its statements.
 * Backends publish these counters when they go idle, at most every second and otherwise up to
 * ~10 s later, so `settled()` waits for a quiet period before reading.
 */
export class StatementCounter {
  private client = new pg.Client({ connectionString: adminUrl() });
  constructor(private database: string) {}

  async open(): Promise<void> {
    await this.client.connect();
  }

  async read(): Promise<{ xacts: number; tuples: number }> {
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await this.client.query<{ xacts: string; tuples: string }>(
      'SELECT (xact_commit + xact_rollback)::text AS xacts, tup_returned::text AS tuples FROM pg_stat_database WHERE datname = $1',
      [this.database],
    );
    // No row until some backend of that database has published its first figures.
    return { xacts: Number(rows[0]?.xacts ?? 0), tuples: Number(rows[0]?.tuples ?? 0) };
  }

  /** Reads after `quietMs` without load, when every backend has flushed what it did before. */
  async settled(quietMs = Number(process.env.BENCH_STATS_QUIET_MS ?? 11_000)): Promise<{ xacts: number; tuples: number }> {
    await new Promise((r) => setTimeout(r, quietMs));
    return this.read();
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;

export function loadAverage(): string {
  return execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).split(' ').slice(0, 3).join(' ');
}
