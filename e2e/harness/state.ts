import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What global setup hands to the specs (written to a file: jest runs specs in other contexts). */
export interface E2eState {
  baseUrl: string;
  databaseUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
  rateLimitPrefix: string;
  confirmSecret: string;
  ipHashSecret: string;
  serverPid: number;
}

export const ARTIFACTS = path.resolve(__dirname, '..', 'artifacts');
export const STATE_FILE = path.join(ARTIFACTS, '.e2e-state.json');

export function e2eState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
