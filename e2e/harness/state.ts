import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What global setup hands to the specs (written to a file: jest runs specs in other contexts). */
export interface E2eState {
  baseUrl: string;
  databaseUrl: string;
  databaseName: string;
  /** The web server's environment (testEnv): a worker a spec starts shares its queues and secrets. */
  env: Record<string, string>;
}

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
export const STATE_FILE = path.join(ARTIFACTS, '.e2e-state.json');

export function e2eState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
