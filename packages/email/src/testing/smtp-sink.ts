import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The raw message as received. */
  raw: Buffer;
  envelope: { from: string | null; to: string[] };
}

export interface Rejection {
  code: 421 | 451 | 450 | 452 | 550 | 552 | 553 | 554;
  message?: string;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:port — for SMTP_URL. */
  url: string;
  /** Accepted messages, in order. */
  messages: ReceivedMail[];
  /** Messages answered with an error (not delivered). */
  rejected: number;
  /** Rejects the next `count` messages (after their data is received) with this reply. */
  rejectNext(count: number, rejection: Rejection): void;
  /** Rejects every message for `ms` milliseconds from now. */
  rejectFor(ms: number, rejection: Rejection): void;
  /**
   * Called with each message after it is fully received and before the server answers 250.
   * Lets a test act (e.g. kill the sender) in the window between "sent" and "recorded".
   */
  beforeAccept: ((mail: ReceivedMail) => Promise<void> | void) | null;
  /** Resolves once at least `count` messages were accepted (or rejects after timeoutMs). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  clear(): void;
  close(): Promise<void>;
}

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** A real SMTP server on 127.0.0.1 and a random port that records what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  let rejectCount = 0;
  let rejectUntil = 0;
  let rejection: Rejection = { code: 451 };
  const waiters: { count: number; resolve: () => void }[] = [];

  const sink: SmtpSink = {
    port: 0,
    url: '',
    messages: [],
    rejected: 0,
    rejectNext(count, r) {
      rejectCount = count;
      rejection = r;
    },
    rejectFor(ms, r) {
      rejectUntil = Date.now() + ms;
      rejection = r;
    },
    beforeAccept: null,
    waitFor(count, timeoutMs = 10_000) {
      if (sink.messages.length >= count) return Promise.resolve(sink.messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`smtp sink: ${sink.messages.length} of ${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(sink.messages);
          },
        });
      });
    },
    clear() {
      sink.messages.length = 0;
      sink.rejected = 0;
      rejectCount = 0;
      rejectUntil = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 200 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const shouldReject = rejectCount > 0 || Date.now() < rejectUntil;
          if (shouldReject) {
            if (rejectCount > 0) rejectCount -= 1;
            sink.rejected += 1;
            callback(new SmtpReplyError(rejection.code, rejection.message ?? `Rejected by test (${rejection.code})`));
            return;
          }
          const raw = Buffer.concat(chunks);
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          // Answer 250 before parsing (parsing is the test's cost, not the sender's), unless a
          // test wants to act between "received" and "accepted".
          const hook = sink.beforeAccept;
          if (!hook) {
            callback();
            // Let the 250 reach the sender before this process spends time parsing.
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          const mail: ReceivedMail = { raw, parsed: await simpleParser(raw), envelope };
          if (hook) await hook(mail);
          sink.messages.push(mail);
          for (const waiter of [...waiters]) {
            if (sink.messages.length >= waiter.count) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve();
            }
          }
          if (hook) callback();
        })().catch((error: unknown) => callback(error as Error));
      });
    },
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
