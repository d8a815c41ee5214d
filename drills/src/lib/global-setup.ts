// Drills globalSetup: the migrated template database (as every integration suite), a production
// build of the public app when there is none, and an empty results file.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureTestTemplate } from '@undersigned/db/testing';
import { RESULTS_FILE } from './results';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export default async function globalSetup(): Promise<void> {
  rmSync(RESULTS_FILE, { force: true });
  await ensureTestTemplate();
  if (process.env.DRILLS_BUILD === '1' || !existsSync(path.join(ROOT, 'apps', 'web', '.next', 'BUILD_ID'))) {
    execFileSync('npm', ['run', 'build', '-w', '@undersigned/web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
