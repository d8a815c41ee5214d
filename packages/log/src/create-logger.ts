import os from 'node:os';
import pino from 'pino';
import pretty from 'pino-pretty';
import { logEnv, type LogLevel } from './env';
import { REDACT_CENSOR, redactPaths } from './redact';
import { scrubEmails, serializeError } from './serialize-error';

export type Logger = pino.Logger;

export interface CreateLoggerOptions {
  /** Names the process in every line: `web`, `staff`, `worker` … */
  service: string;
  /** Default: LOG_LEVEL (info). */
  level?: LogLevel;
  /** Default: LOG_FORMAT (json). */
  format?: 'json' | 'pretty';
  /** Where lines go (default stdout). Tests pass a stream to read them back. */
  destination?: pino.DestinationStream;
}

/**
 * A pino logger for one process. `json`: one object per line on stdout — `level` (a name),
 * `time` (ISO 8601), `service`, `pid`, `hostname`, `msg` and the line's fields — for log shippers.
 * `pretty`: colored and one line per entry, for `npm run dev` (pino-pretty in-process, no worker
 * thread). Either way keys that name people or secrets are redacted (REDACTED_KEYS) and errors
 * logged as `err` keep only their type, message, code and stack (serializeError).
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const env = options.level && options.format ? undefined : logEnv();
  const level = options.level ?? env!.LOG_LEVEL;
  const format = options.format ?? env!.LOG_FORMAT;
  const destination =
    options.destination ??
    (format === 'pretty'
      ? pretty({ colorize: true, sync: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname,service', messageFormat: '[{service}] {msg}' })
      : undefined);
  const config: pino.LoggerOptions = {
    level,
    base: { service: options.service, pid: process.pid, hostname: os.hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // `error` too: an Error under that key is serialized the same way; a string (a job result's reason) keeps its shape.
    serializers: { err: serializeError, error: (value: unknown) => (typeof value === 'string' ? scrubEmails(value) : serializeError(value)) },
    redact: { paths: redactPaths(), censor: REDACT_CENSOR },
  };
  return destination ? pino(config, destination) : pino(config);
}

const PROCESS_LOGGER = Symbol.for('undersigned.log.processLogger');
const registry = globalThis as unknown as { [PROCESS_LOGGER]?: Logger };

/**
 * Makes the process's logger (createLogger) and registers it for getLogger: an entry point calls
 * it once at boot with its validated LOG_LEVEL and LOG_FORMAT.
 */
export function initLogger(options: CreateLoggerOptions): Logger {
  registry[PROCESS_LOGGER] = createLogger(options);
  return registry[PROCESS_LOGGER];
}

/**
 * The process's logger (initLogger's), or one made on first use with `service` and the environment's settings. Shared
 * through globalThis, so the web server (server.ts) and the Next bundles it serves in the same
 * process write through one logger, and core's verbs log with the app's service when the app
 * passes none.
 */
export function getLogger(service: string): Logger {
  registry[PROCESS_LOGGER] ??= createLogger({ service });
  return registry[PROCESS_LOGGER];
}
