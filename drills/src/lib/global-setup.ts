// Drills globalSetup: the migrated template database (as every integration suite), a production
// build of the public app when there is none, and an empty results file.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTestTemplate } from '@undersigned/db/testing';
import { RESULTS_FILE } from './results';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUILD_ID = path.join(ROOT, 'apps', 'web', '.next', 'BUILD_ID');

/** Builds the public app unless a build is there; waits out a build someone else is running. */
async function ensureWebBuild(): Promise<void> {
  const until = Date.now() + 6 * 60_000;
  let force = process.env.DRILLS_BUILD === '1';
  while (force || !existsSync(BUILD_ID)) {
    const r = spawnSync('npm', ['run', 'build', '-w', '@undersigned/web'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status === 0) return;
    const output = `${r.stdout}\n${r.stderr}`;
    if (!/Another next build process is already running/.test(output) || Date.now() > until) {
      throw new Error(`building the public app failed:\n${output.slice(-4000)}`);
    }
    force = false;
    await new Promise((resolve) => setTimeout(resolve, 5_000));
  }
}

export default async function globalSetup(): Promise<void> {
  rmSync(RESULTS_FILE, { force: true });
  await ensureTestTemplate();
  await ensureWebBuild();
}
