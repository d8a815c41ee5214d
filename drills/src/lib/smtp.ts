// A real SMTP server (smtp-server) for the drills that records every attempt (accepted or not)
// and lets a drill decide each answer per message: accept, reject with a code, or act (kill a
// worker) between "message received" and "250 sent".
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface Mail {
  to: string[];
  messageId: string;
  parsed: ParsedMail;
  at: number;
}

export interface Attempt {
  to: string[];
  messageId: string;
  at: number;
  /** 250 or the error code answered. */
  code: number;
}

export type Decide = (mail: Mail) => Promise<{ code: number; message: string } | null> | { code: number; message: string } | null;

export interface Sink {
  url: string;
  /** Accepted (or received while the sender died before the answer): what reached the server. */
  received: Mail[];
  attempts: Attempt[];
  decide: Decide | null;
  close(): Promise<void>;
}

class ReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startSink(): Promise<Sink> {
  const sink: Sink = { url: '', received: [], attempts: [], decide: null, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 200 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          const parsed = await simpleParser(Buffer.concat(chunks));
          const mail: Mail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            messageId: parsed.messageId ?? '',
            parsed,
            at: Date.now(),
          };
          const verdict = sink.decide ? await sink.decide(mail) : null;
          sink.attempts.push({ to: mail.to, messageId: mail.messageId, at: mail.at, code: verdict?.code ?? 250 });
          if (verdict) {
            callback(new ReplyError(verdict.code, verdict.message));
            return;
          }
          // The whole message is here: it counts as emailed even if the sender is gone by now.
          sink.received.push(mail);
          callback();
        })().catch((e: unknown) => callback(e as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** How many messages each key received (e.g. by Message-ID or recipient). */
export function tally(mails: readonly Mail[], key: (m: Mail) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mails) counts.set(key(m), (counts.get(key(m)) ?? 0) + 1);
  return counts;
}
