// `npm run bench`: every benchmark (issues 6, 8 and 9), one after the other (they share the 2 cores, so
// never in parallel), each as its own process with the environment passed through
// (BENCH_SECONDS and the other BENCH_* knobs). Prints a summary and exits non-zero if any missed
// a target (a non-zero exit, or deliver-100k's "NOT met" line) or could not run.
//
//   npm run bench                  (BENCH_SECONDS=10 npm run bench for a quick look)
//   BENCH_ONLY=million-rows,fanout npm run bench
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { printTable, ROOT, type Row } from './lib';

/** In the order of issue 6's targets, then issue 8's runtime comparison, then issue 9's update to 1M signers, then issue 10's API paging and webhooks, then issue 11's first visit, then issue 14's viral minute; scripts that do not exist (yet) are skipped. */
const SCRIPTS = [
  'sign-path.ts',
  'campaign-page.ts',
  'live-count.ts',
  'deliver-100k.ts',
  'million-rows.ts',
  'fanout.ts',
  'node-runtimes.ts',
  'update-1m.ts',
  'integrations.ts',
  'first-visit.ts',
  'viral-minute.ts',
];

/**
 * Lines a script prints as `[target] …` (issue 14's four targets: first-visit mix, page weight,
 * sign path, viral minute — each with its baseline and ratio), repeated together at the end.
 */
const targetLines: string[] = [];

function run(script: string): Promise<{ code: number; missed: boolean; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join('bench', script)], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let notMet = false;
    let partial = ''; // a line may arrive in two chunks
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) {
        if (/NOT met/.test(line)) notMet = true;
        if (line.startsWith('[target] ')) targetLines.push(line);
      }
    });
    child.on('exit', (code, signal) => {
      const exit = code ?? (signal ? 128 : 1);
      resolve({ code: exit, missed: exit !== 0 || notMet, ms: Date.now() - started });
    });
  });
}

async function main() {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim().replace(/\.ts$/, '') + '.ts');
  const rows: Row[] = [];
  for (const script of SCRIPTS) {
    if (only && !only.includes(script)) continue;
    if (!existsSync(path.join(ROOT, 'bench', script))) {
      rows.push({ figure: script, value: 'not present, skipped', target: '—' });
      continue;
    }
    const load = loadavg()[0]!.toFixed(2);
    console.log(`\n=== bench/${script} (load average ${load}) ===`);
    const r = await run(script);
    rows.push({
      figure: script,
      value: `exit ${r.code} after ${(r.ms / 1000).toFixed(0)} s (load ${load} at start)`,
      target: 'all targets met',
      pass: !r.missed,
    });
  }
  printTable('All benchmarks', rows);
  if (targetLines.length > 0) console.log(`\nTargets with their baselines (issue 14)\n${targetLines.join('\n')}`);
  process.exit(rows.some((r) => r.pass === false) ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
