import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { sleep } from './eventually';

/** One JSON object a process logged on a line of its own (the worker's log format). */
export type LogLine = Record<string, unknown>;

export interface TestProcess {
  child: ChildProcess;
  /** stdout and stderr as received so far (or the log file's content, with `logFile`). */
  output: () => string;
  /** stderr alone (empty with `logFile`). */
  stderr: () => string;
  /** The JSON lines of stdout so far; other lines are left out. */
  lines: () => LogLine[];
  /** The first JSON line matching, once it is logged; throws after timeoutMs or if the process exits first. */
  waitForLine: (match: (line: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive: () => boolean;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop: (graceMs?: number) => Promise<void>;
  /** SIGKILL: a crash. */
  kill: () => Promise<void>;
}

export interface StartProcessOptions {
  cwd: string;
  /** The complete environment (see inheritedEnv and testEnv): nothing else is passed. */
  env: Record<string, string>;
  /** Writes stdout and stderr to this file instead of keeping them in memory (for servers that run a whole suite). */
  logFile?: string;
  /** Also hands each chunk of output to this function (e.g. to echo it with a label). */
  onOutput?: (chunk: string, stream: 'stdout' | 'stderr') => void;
}

// A test or benchmark that throws half-way must not leave servers behind (one left running
// against a dropped database keeps a port and a pool, and skews every later figure on the box).
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function parseJsonLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // a line cut short, or not JSON after all
    }
  }
  return lines;
}

/** Spawns `command` and keeps track of it: its output, its JSON log lines, and a way to stop it. */
export function startProcess(command: string, args: string[], options: StartProcessOptions): TestProcess {
  const log = options.logFile ? openSync(options.logFile, 'w') : undefined;
  const child = spawn(command, args, {
    cwd: options.cwd,
    // A cast: in a Next app's type-check (this package is imported by apps/web's tests) Next's
    // types make NODE_ENV a required key of ProcessEnv. Unnecessary only in this package's own.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed under Next's types
    env: options.env as NodeJS.ProcessEnv,
    stdio: ['ignore', log ?? 'pipe', log ?? 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  // Parsed lines are kept as they arrive (the worker logs thousands; parsing them all on every
  // poll would cost more than the test).
  let pending = '';
  const parsed: LogLine[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    pending += chunk;
    const end = pending.lastIndexOf('\n');
    if (end >= 0) {
      parsed.push(...parseJsonLines(pending.slice(0, end)));
      pending = pending.slice(end + 1);
    }
    options.onOutput?.(chunk, 'stdout');
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    err += chunk;
    options.onOutput?.(chunk, 'stderr');
  });
  // 'close', not 'exit': by then its output has been read to the end (the last log lines too).
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const output = () => (options.logFile ? readFileSync(options.logFile, 'utf8') : out);
  const lines = () => (options.logFile ? parseJsonLines(output()) : parsed);
  return {
    child,
    output,
    stderr: () => err,
    lines,
    async waitForLine(match, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = lines().find(match);
        if (found) return found;
        // A process that died will not log it later: say so rather than wait out the timeout.
        if (!alive())
          throw new Error(`the process exited (${child.exitCode ?? child.signalCode}) before logging the line:\n${output().slice(-3000)}`);
        if (Date.now() >= until)
          throw new Error(
            `no matching log line within ${timeoutMs} ms; last lines: ${JSON.stringify(lines().slice(-5))}; stderr: ${err.slice(-2000)}`,
          );
        await sleep(20);
      }
    },
    exited,
    alive,
    async stop(graceMs = 10_000) {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (!alive()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
