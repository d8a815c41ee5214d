// Shared helpers for the benchmarks: their processes' environment and output, wrk, and the result
// table. Processes are started with @undersigned/testing (which also kills any left behind when a
// benchmark throws half-way).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { testEnv } from '@undersigned/testing';

export const ROOT = path.resolve(__dirname, '..');

/** A bench process's environment: testEnv (never a developer's .env) with these overrides. */
export function benchEnv(databaseUrl: string, label: string, overrides: Record<string, string> = {}): Record<string, string> {
  return testEnv({ databaseUrl, label: `bench-${label}`, overrides });
}

/** Passes a server's stderr to ours (its stdout too with BENCH_VERBOSE), each line labelled. */
export function echo(label: string): (chunk: string, stream: 'stdout' | 'stderr') => void {
  return (chunk, stream) => {
    if (stream === 'stdout' && !process.env.BENCH_VERBOSE) return;
    const lines = chunk
      .split('\n')
      .filter(Boolean)
      .map((l) => `  [${label}] ${l}`);
    (stream === 'stderr' ? process.stderr : process.stdout).write(lines.join('\n') + '\n');
  };
}

export interface WrkResult {
  /** New emails among the requests generated (repeats excluded). */
  distinct: number;
  /** Requests generated; those beyond `requests` were still unanswered when wrk stopped. */
  generated: number;
  requests: number;
  duration_us: number;
  p50_us: number;
  p99_us: number;
  max_us: number;
  statuses: Record<string, number>;
  errors: { connect: number; read: number; write: number; timeout: number; status: number };
}

const wrkArgs = (url: string, seconds: number, connections: number) => [
  '-t1',
  `-c${connections}`,
  `-d${seconds}s`,
  '--timeout',
  '5s',
  '--latency',
  '-s',
  path.join(ROOT, 'bench', 'sign-load.lua'),
  url,
];

function wrkResult(stdout: string, stderr: string): WrkResult {
  const line = stdout.split('\n').find((l) => l.startsWith('BENCH_JSON '));
  if (!line) throw new Error(`wrk gave no result:\n${stdout}\n${stderr}`);
  return JSON.parse(line.slice('BENCH_JSON '.length)) as WrkResult;
}

export function wrk(url: string, seconds: number, env: Record<string, string> = {}, connections = 64): WrkResult {
  const r = spawnSync('wrk', wrkArgs(url, seconds, connections), { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`could not run wrk (${r.error.message}); install it: apt-get install wrk`);
  return wrkResult(r.stdout, r.stderr);
}

/** wrk without blocking this process (for benches that serve something themselves meanwhile, e.g. a webhook receiver). */
export function wrkAsync(url: string, seconds: number, env: Record<string, string> = {}, connections = 64): Promise<WrkResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', wrkArgs(url, seconds, connections), { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', (error) => reject(new Error(`could not run wrk (${error.message}); install it: apt-get install wrk`)));
    child.on('close', () => {
      try {
        resolve(wrkResult(stdout, stderr));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

export function accepted(result: WrkResult): number {
  return Object.entries(result.statuses)
    .filter(([status]) => Number(status) >= 200 && Number(status) < 400)
    .reduce((sum, [, n]) => sum + n, 0);
}

export interface Row {
  figure: string;
  value: string;
  target: string;
  ratio?: string;
  pass?: boolean;
}

export function printTable(title: string, rows: Row[]): void {
  // For scripts that run other benchmarks and compare their figures (bench/node-runtimes.ts).
  if (process.env.BENCH_RESULTS_FILE) appendFileSync(process.env.BENCH_RESULTS_FILE, JSON.stringify({ title, rows }) + '\n');
  const cols = ['figure', 'value', 'target', 'ratio', 'result'] as const;
  const cells = rows.map((r) => [r.figure, r.value, r.target, r.ratio ?? '', r.pass === undefined ? '' : r.pass ? 'PASS' : 'MISS']);
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: readonly string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(`\n${title}`);
  console.log(line(cols));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const c of cells) console.log(line(c));
}

/**
 * One of issue 14's four targets on a line of its own, `[target] N name: figure | baseline … | ratio … | met/MISSED`:
 * `npm run bench` (run-all.ts) repeats these lines together at the end.
 */
export function printTarget(target: { n: number; name: string; figure: string; baseline: string; ratio: string; met: boolean }): void {
  console.log(
    `[target] ${target.n} ${target.name}: ${target.figure} | baseline ${target.baseline} | ratio ${target.ratio} | ${target.met ? 'met' : 'MISSED'}`,
  );
}

/** CPU time (ms, user + system) of every process on the box (by pid, with its command name), from /proc. */
export interface CpuSnapshot {
  procs: Map<string, { comm: string; ms: number }>;
  /** The whole box: everything but idle and iowait, so exited processes (wrk) count too. */
  busyMs: number;
}

export function cpuByCommand(): CpuSnapshot {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const procs = new Map<string, { comm: string; ms: number }>();
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    procs.set(pid, { comm, ms: (Number(fields[11]) + Number(fields[12])) * tick }); // utime, stime
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { procs, busyMs: (cpu.reduce((a, b) => a + b, 0) - cpu[3]! - cpu[4]!) * tick };
}

/**
 * What the box spent between two snapshots, per unit of work (µs each): in total, and for the web
 * or baseline server (`pid`), PostgreSQL, Redis and everything else (wrk, other processes).
 */
export function cpuPerUnit(before: CpuSnapshot, after: CpuSnapshot, units: number, pid?: number): string {
  const us = (ms: number) => Math.round((ms * 1000) / Math.max(1, units));
  const spent = (match: (pid: string, comm: string) => boolean) => {
    let ms = 0;
    for (const [p, { comm, ms: now }] of after.procs) if (match(p, comm)) ms += now - (before.procs.get(p)?.ms ?? 0);
    return ms;
  };
  const server = pid === undefined ? 0 : spent((p) => p === String(pid));
  const postgres = spent((_, comm) => comm === 'postgres');
  const redis = spent((_, comm) => comm.startsWith('redis-server'));
  const busy = after.busyMs - before.busyMs;
  return `${us(busy)} µs CPU per signature on the box: server ${us(server)}, postgres ${us(postgres)}, redis ${us(redis)}, rest (wrk, other) ${us(busy - server - postgres - redis)}`;
}
