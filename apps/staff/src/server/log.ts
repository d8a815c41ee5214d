import { getLogger, type Logger } from '@undersigned/log';

/** The staff app's logger (LOG_LEVEL, LOG_FORMAT; one JSON object per line by default). Log ids, never people: docs/logs.md. */
export function staffLogger(): Logger {
  return getLogger('staff');
}
