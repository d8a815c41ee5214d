import { Writable } from 'node:stream';
import { createLogger, type Logger } from './create-logger';

export interface CapturedLogger {
  logger: Logger;
  /** Every line written so far, parsed. */
  lines: Record<string, unknown>[];
  /** The same lines as written. */
  raw: string[];
}

/** A real logger (same redaction, serializers and format as production) whose lines are kept for a test to read. */
export function captureLogger(level: 'info' | 'debug' | 'warn' = 'info', service = 'test'): CapturedLogger {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger({ service, level, format: 'json', destination }), lines, raw };
}
