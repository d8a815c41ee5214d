// PostgreSQL's own client tools as an operator runs them (docs/operations.md): pg_dump -Fc from a
// snapshot, createdb, pg_restore, dropdb — the machine's binaries, spawned, nothing re-implemented.
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';

export interface ToolRun {
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs one client tool to its end; rejects with its stderr when it exits non-zero. */
export function runTool(command: string, args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<ToolRun> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve({ stdout, stderr, ms: Date.now() - started });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-3000)}`));
    });
  });
}

/** The major version of a client tool (`pg_dump --version` → 15). */
export async function toolMajorVersion(command: string): Promise<number> {
  const { stdout } = await runTool(command, ['--version']);
  return Number(/\s(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? NaN);
}

/**
 * `pg_dump -Fc --no-owner` of `databaseUrl` into `file`; with `snapshot`, from that exported
 * snapshot (`SELECT pg_export_snapshot()` in a REPEATABLE READ transaction kept open until the
 * dump has started), so the dump holds exactly what was committed when the snapshot was taken.
 */
export async function pgDump(databaseUrl: string, file: string, options: { snapshot?: string } = {}): Promise<ToolRun & { bytes: number }> {
  const run = await runTool('pg_dump', [
    '--format=custom',
    '--no-owner',
    ...(options.snapshot ? [`--snapshot=${options.snapshot}`] : []),
    `--file=${file}`,
    `--dbname=${databaseUrl}`,
  ]);
  return { ...run, bytes: statSync(file).size };
}

/** `createdb -T template0 <name>` on the server of `adminUrl` (its maintenance database). */
export function createDatabase(adminUrl: string, name: string): Promise<ToolRun> {
  return runTool('createdb', [`--maintenance-db=${adminUrl}`, '--template=template0', name]);
}

/** `pg_restore --no-owner --exit-on-error -d <databaseUrl> <file>` into an empty database. */
export function pgRestore(databaseUrl: string, file: string): Promise<ToolRun> {
  return runTool('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${databaseUrl}`, file]);
}

/** `dropdb --if-exists --force <name>`. */
export function dropDatabase(adminUrl: string, name: string): Promise<ToolRun> {
  return runTool('dropdb', [`--maintenance-db=${adminUrl}`, '--if-exists', '--force', name]);
}
