import { existsSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * Loads the repository's `.env` into process.env, never overriding what is already set, for the
 * entry points a developer starts (web server, Next configs, worker, seed, Prisma CLI).
 * `ENV_FILE` chooses another file, and `ENV_FILE=off` loads none: the test harness sets it, so
 * tests see only the variables it gives them (@undersigned/testing testEnv), whatever a
 * developer's `.env` says. Returns the file loaded, if any.
 */
export function loadEnvFile(): string | null {
  const choice = process.env.ENV_FILE;
  if (choice === 'off') return null;
  const file = choice ? path.resolve(choice) : path.join(ROOT, '.env');
  if (!existsSync(file)) {
    if (choice) throw new Error(`ENV_FILE=${choice}: no such file`);
    return null;
  }
  process.loadEnvFile(file);
  return file;
}
