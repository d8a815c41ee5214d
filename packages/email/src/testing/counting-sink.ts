import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Rejection } from './smtp-sink';

/** What a counting sink knows of one message: its envelope and its header block, never its body. */
export interface CountedMail {
  /** The Message-ID header as written, angle brackets included (null if the message had none). */
  messageId: string | null;
  to: string[];
  /** The raw header block (up to the first empty line), unfolded lines as sent. */
  headers: string;
}

export interface CountingSmtpSinkOptions {
  /** Also tally messages by envelope recipient (one more map entry per recipient; off for a million). */
  byRecipient?: boolean;
  /** Keep the header blocks of the first this many accepted messages (default 3). */
  samples?: number;
}

export interface CountingSmtpSink {
  port: number;
  /** smtp://127.0.0.1:port — for SMTP_URL. */
  url: string;
  /** Messages accepted (answered 250, or received whole before the sender vanished). */
  accepted: number;
  /** Accepted messages per Message-ID. */
  byMessageId: Map<string, number>;
  /** Accepted messages per envelope recipient (only with `byRecipient`). */
  byRecipient: Map<string, number>;
  /** Accepted messages that carried no Message-ID header. */
  withoutMessageId: number;
  /** Messages answered with an error (rejectFor or decide). */
  rejected: number;
  /** Connections that ended in an error (a sender killed mid-transaction resets its sockets). */
  connectionErrors: number;
  /** Header blocks of the first accepted messages (see `samples`). */
  samples: string[];
  /** When the first and the last message were accepted (ms since the epoch; 0 before any). */
  firstAt: number;
  lastAt: number;
  /**
   * Asked about each fully received message before the sink answers (after rejectFor): a
   * Rejection is answered as such; nothing means 250. A drill can act in that window (SIGKILL
   * the sender): the message then counts as received, whatever the sender recorded.
   */
  decide: ((mail: CountedMail) => Promise<Rejection | null | void> | Rejection | null | void) | null;
  /** Rejects every message for `ms` milliseconds from now. */
  rejectFor(ms: number, rejection: Rejection): void;
  /** Accepted messages beyond the first per Message-ID. */
  duplicates(): number;
  /** Resolves once at least `count` messages were accepted (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  /** Forgets everything counted so far. */
  reset(): void;
  close(): Promise<void>;
}

/** Enough for any header block we send; the rest of a message is read and dropped. */
const MAX_HEADER_BYTES = 256 * 1024;

/** The Message-ID in a raw header block (unfolding continuation lines), or null. */
export function messageIdOf(headers: string): string | null {
  const match = /^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)/im.exec(headers);
  if (!match) return null;
  return match[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() || null;
}

/**
 * A real SMTP server on 127.0.0.1 and a random port for volume: it counts what it receives by
 * Message-ID and keeps no bodies (a million messages cost a map of a million ids, not their
 * bytes). For tests that look at what a message says, use startSmtpSink.
 */
export async function startCountingSmtpSink(options: CountingSmtpSinkOptions = {}): Promise<CountingSmtpSink> {
  const keepSamples = options.samples ?? 3;
  let rejectUntil = 0;
  let rejection: Rejection = { code: 451 };
  const waiters: { count: number; resolve: () => void }[] = [];

  const sink: CountingSmtpSink = {
    port: 0,
    url: '',
    accepted: 0,
    byMessageId: new Map(),
    byRecipient: new Map(),
    withoutMessageId: 0,
    rejected: 0,
    connectionErrors: 0,
    samples: [],
    firstAt: 0,
    lastAt: 0,
    decide: null,
    rejectFor(ms, r) {
      rejectUntil = Date.now() + ms;
      rejection = r;
    },
    duplicates() {
      let extra = 0;
      for (const n of sink.byMessageId.values()) extra += n - 1;
      return extra;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (sink.accepted >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`smtp sink: ${sink.accepted} of ${count} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    reset() {
      sink.accepted = 0;
      sink.byMessageId = new Map();
      sink.byRecipient = new Map();
      sink.withoutMessageId = 0;
      sink.rejected = 0;
      sink.samples = [];
      sink.firstAt = 0;
      sink.lastAt = 0;
      rejectUntil = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const accept = (mail: CountedMail) => {
    const now = Date.now();
    if (!sink.firstAt) sink.firstAt = now;
    sink.lastAt = now;
    sink.accepted += 1;
    if (mail.messageId) sink.byMessageId.set(mail.messageId, (sink.byMessageId.get(mail.messageId) ?? 0) + 1);
    else sink.withoutMessageId += 1;
    if (options.byRecipient) for (const to of mail.to) sink.byRecipient.set(to, (sink.byRecipient.get(to) ?? 0) + 1);
    if (sink.samples.length < keepSamples) sink.samples.push(mail.headers);
    for (const waiter of [...waiters]) {
      if (sink.accepted >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };

  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 200 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      // Only the header block is kept: chunks until the first empty line, then nothing.
      let head = '';
      let done = false;
      stream.on('data', (chunk: Buffer) => {
        if (done) return;
        head += chunk.toString('utf8');
        const end = head.search(/\r?\n\r?\n/);
        if (end >= 0) {
          head = head.slice(0, end);
          done = true;
        } else if (head.length > MAX_HEADER_BYTES) done = true;
      });
      stream.on('end', () => {
        void (async () => {
          const mail: CountedMail = { messageId: messageIdOf(head), to: session.envelope.rcptTo.map((r) => r.address), headers: head };
          if (Date.now() < rejectUntil) {
            sink.rejected += 1;
            callback(Object.assign(new Error(rejection.message ?? `Rejected by test (${rejection.code})`), { responseCode: rejection.code }));
            return;
          }
          const verdict = sink.decide ? await sink.decide(mail) : null;
          if (verdict) {
            sink.rejected += 1;
            callback(Object.assign(new Error(verdict.message ?? `Rejected by test (${verdict.code})`), { responseCode: verdict.code }));
            return;
          }
          // The whole message is here: it counts as received even if the sender is gone by now.
          accept(mail);
          callback();
        })().catch((error: unknown) => callback(error as Error));
      });
    },
  });

  // A sender killed mid-connection (the crash drills) resets its sockets: that is the sender's
  // crash, not the sink's, and must not surface as an unhandled 'error' in the test process.
  server.on('error', () => {
    sink.connectionErrors += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
