// Drills globalSetup: the migrated template database (as every integration suite), a production
// build of the public app when there is none (DRILLS_BUILD=1 rebuilds), and an empty results file.
import { rmSync } from 'node:fs';
import { ensureTestTemplate } from '@undersigned/db/testing';
import { ensureAppBuild } from '@undersigned/testing';
import { RESULTS_FILE } from './results';

export default async function globalSetup(): Promise<void> {
  rmSync(RESULTS_FILE, { force: true });
  await ensureTestTemplate();
  await ensureAppBuild('web', { rebuild: process.env.DRILLS_BUILD === '1' });
}
