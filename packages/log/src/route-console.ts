import { format } from 'node:util';
import type { Logger } from './create-logger';
import { scrubEmails } from './serialize-error';

// eslint-disable-next-line no-control-regex -- matching terminal color codes is the point
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Sends what libraries print with console.* (Next's "✓ Ready", its render errors, BullMQ's Redis
 * advice) through `logger` as lines like any other, so a process's stdout stays one JSON object per
 * line: `component: "console"`, the text as `msg` (colors stripped, email addresses scrubbed), and
 * an Error among the arguments as `err` (serializeError: never its other properties).
 */
export function routeConsoleTo(logger: Logger): void {
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]): void => {
      const err = args.find((a): a is Error => a instanceof Error);
      const rest = err ? args.filter((a) => a !== err) : args;
      const text = scrubEmails(format(...rest).replace(ANSI, '')).trim();
      logger[level]({ component: 'console', ...(err ? { err } : {}) }, text || err?.message || '');
    };
  console.log = write('info');
  console.info = write('info');
  console.debug = write('debug');
  console.warn = write('warn');
  console.error = write('error');
  console.trace = write('error');
}
