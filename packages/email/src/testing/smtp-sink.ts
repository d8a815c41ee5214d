import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';

export interface ReceivedMail {
  parsed: ParsedMail;
  /** The raw message as received. */
  raw: Buffer;
  envelope: { from: string | null; to: string[] };
  /** When its data had fully arrived (ms since the epoch). */
  receivedAt: number;
}

export interface Rejection {
  code: 421 | 451 | 450 | 452 | 550 | 552 | 553 | 554;
  message?: string;
}

/** One message a client sent to the end of its data, and the code the sink answered. */
export interface SmtpAttempt {
  to: string[];
  at: number;
  /** 250, or the error code answered. */
  code: number;
}

/**
 * Decides one fully received message before the sink answers: a Rejection is answered as such;
 * nothing means 250. Runs in the window between "received" and "accepted", so a test can act
 * there too (kill the sender, hold the answer while it shuts down).
 */
export type SmtpDecide = (mail: ReceivedMail) => Promise<Rejection | null | void> | Rejection | null | void;

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:port — for SMTP_URL. */
  url: string;
  /**
   * Accepted messages, in order: what reached the server, including a message whose sender died
   * after sending its data and before the 250 reached it (the server has it, whatever the sender
   * recorded).
   */
  messages: ReceivedMail[];
  /** Every message sent to the end of its data, accepted or not, with the answer. */
  attempts: SmtpAttempt[];
  /** Messages answered with an error (not delivered). */
  rejected: number;
  /** Rejects the next `count` messages (after their data is received) with this reply. */
  rejectNext(count: number, rejection: Rejection): void;
  /** Rejects every message for `ms` milliseconds from now. */
  rejectFor(ms: number, rejection: Rejection): void;
  /** Asked about each message that rejectNext/rejectFor did not already reject (see SmtpDecide). */
  decide: SmtpDecide | null;
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

const replyError = (r: Rejection) => new SmtpReplyError(r.code, r.message ?? `Rejected by test (${r.code})`);

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
    attempts: [],
    rejected: 0,
    rejectNext(count, r) {
      rejectCount = count;
      rejection = r;
    },
    rejectFor(ms, r) {
      rejectUntil = Date.now() + ms;
      rejection = r;
    },
    decide: null,
    waitFor(count, timeoutMs = 10_000) {
      if (sink.messages.length >= count) return Promise.resolve(sink.messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`smtp sink: ${sink.messages.length} of ${count} messages after ${timeoutMs} ms`)), timeoutMs);
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
      sink.attempts.length = 0;
      sink.rejected = 0;
      rejectCount = 0;
      rejectUntil = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const accept = (mail: ReceivedMail) => {
    sink.messages.push(mail);
    for (const waiter of [...waiters]) {
      if (sink.messages.length >= waiter.count) {
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
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const receivedAt = Date.now();
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          };
          const attempt = (code: number) => sink.attempts.push({ to: envelope.to, at: receivedAt, code });
          if (rejectCount > 0 || Date.now() < rejectUntil) {
            if (rejectCount > 0) rejectCount -= 1;
            sink.rejected += 1;
            attempt(rejection.code);
            callback(replyError(rejection));
            return;
          }
          const raw = Buffer.concat(chunks);
          const decide = sink.decide;
          if (!decide) {
            // Answer 250 before parsing (parsing is the test's cost, not the sender's), and let
            // the answer reach the sender before this process spends time parsing.
            attempt(250);
            callback();
            await new Promise((resolve) => setTimeout(resolve, 5));
            accept({ raw, parsed: await simpleParser(raw), envelope, receivedAt });
            return;
          }
          const mail: ReceivedMail = { raw, parsed: await simpleParser(raw), envelope, receivedAt };
          const verdict = await decide(mail);
          if (verdict) {
            sink.rejected += 1;
            attempt(verdict.code);
            callback(replyError(verdict));
            return;
          }
          // The whole message is here: it counts as received even if the sender is gone by now.
          attempt(250);
          accept(mail);
          callback();
        })().catch((error: unknown) => callback(error as Error));
      });
    },
  });

  // A sender killed mid-connection (the crash tests) resets its sockets: that is the sender's
  // crash, not the sink's, and must not surface as an unhandled 'error' in the test process.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}
