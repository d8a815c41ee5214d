// Each drill records one row; global-teardown.ts prints them as the drill table.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const RESULTS_FILE = path.resolve(__dirname, '..', '..', '.drill-results.jsonl');

export interface DrillRow {
  drill: string;
  operations: string;
  faults: string;
  lost: number;
  duplicated: number;
  unexpected5xx: number;
  seconds: number;
}

/** Full sizes under DRILLS_FULL=1 (`npm run drills`); smaller, same shape, in `npm test`. */
export const FULL = process.env.DRILLS_FULL === '1';

export function recordDrill(row: DrillRow): void {
  appendFileSync(RESULTS_FILE, JSON.stringify(row) + '\n');
}

/** Keeps a process's output in drills/.logs/<name>.log for a look after a failed drill. */
export function saveLog(name: string, output: string | undefined): void {
  if (output === undefined) return;
  const dir = path.resolve(__dirname, '..', '..', '.logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}.log`), output);
}

/** How many items each key has (e.g. emails by Message-ID or by recipient). */
export function tally<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
