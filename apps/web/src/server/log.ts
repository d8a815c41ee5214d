import { getLogger, type Logger } from '@undersigned/log';

/**
 * The public app's logger: the one server.ts made at boot (initLogger, shared through
 * globalThis with the Next bundles it serves), or under `next dev` one made on first use from
 * LOG_LEVEL / LOG_FORMAT. Log ids, never people: docs/logs.md.
 */
export function webLogger(): Logger {
  return getLogger('web');
}
