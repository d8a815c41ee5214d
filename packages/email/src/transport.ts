import net from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type Mail from 'nodemailer/lib/mailer';
import { emailEnv } from './env';

export interface MailerOptions {
  smtpUrl?: string;
  from?: string;
  /** Milliseconds for connect, greeting and each socket read (default 30 s). */
  timeoutMs?: number;
  /** Pooled SMTP connections (default 4); sends beyond that wait for a free connection. */
  maxConnections?: number;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  replyTo?: string | null;
  /** Deterministic Message-ID, e.g. `<delivery-…@undersigned.example>`. */
  messageId?: string;
  attachments?: Mail.Attachment[];
  headers?: Record<string, string>;
}

export interface SentMail {
  messageId: string;
  /** The server's final reply, e.g. "250 OK: queued as …". */
  response: string;
}

export interface Mailer {
  from: string;
  send(mail: OutgoingMail): Promise<SentMail>;
  verify(): Promise<true>;
  close(): void;
}

/** An SMTP mailer from SMTP_URL / MAIL_FROM (or explicit options). Pooled connections. */
export function createMailer(options: MailerOptions = {}): Mailer {
  const env = options.smtpUrl && options.from ? undefined : emailEnv();
  const smtpUrl = options.smtpUrl ?? env!.SMTP_URL;
  const from = options.from ?? env!.MAIL_FROM;
  const timeout = options.timeoutMs ?? 30_000;
  const connection = smtpConnectionOptions(smtpUrl);
  const transport = nodemailer.createTransport({
    ...connection,
    ...(connection.secure ? {} : { getSocket: connectWithNoDelay(timeout) }),
    pool: true,
    maxConnections: Math.max(1, options.maxConnections ?? 4),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as SMTPTransport.Options);
  return {
    from,
    async send(mail) {
      const info = await transport.sendMail({
        from,
        to: mail.to,
        replyTo: mail.replyTo ?? undefined,
        subject: mail.subject,
        html: mail.html,
        text: mail.text,
        messageId: mail.messageId,
        attachments: mail.attachments,
        headers: mail.headers,
      });
      return { messageId: info.messageId, response: info.response };
    },
    verify: () => transport.verify(),
    close: () => transport.close(),
  };
}

/**
 * Opens each pooled plain-TCP SMTP connection with TCP_NODELAY (STARTTLS then upgrades this same
 * socket). nodemailer writes a message in many small pieces — commands, MIME boundaries and
 * headers, the parts, the final dot — and with Nagle's algorithm on, a small write waits for the
 * server's delayed ACK (~40 ms on Linux): that capped one connection near 20 messages/s however
 * fast both ends were (bench/update-1m.ts: 76 emails/s through 4 connections before, see
 * bench/README.md). A connect error or timeout reaches send() as a connection error (temporary).
 */
function connectWithNoDelay(timeoutMs: number): NonNullable<SMTPTransport.Options['getSocket']> {
  return (options, callback) => {
    const socket = net.connect({ host: options.host ?? 'localhost', port: options.port ?? 587, noDelay: true });
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      socket.setTimeout(0);
      socket.removeListener('error', settle);
      if (error) {
        socket.destroy();
        callback(error, null);
      } else callback(null, { connection: socket });
    };
    socket.once('error', settle);
    socket.setTimeout(timeoutMs, () => settle(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
    socket.once('connect', () => settle(null));
  };
}

/**
 * Host, port, TLS mode and credentials from an smtp:// or smtps:// URL. Passed to nodemailer as
 * fields (with a `url` option nodemailer opened a new connection for every message).
 */
export function smtpConnectionOptions(smtpUrl: string): SMTPTransport.Options {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
  };
}

/** The domain of an address like "Name <a@b.example>" (for Message-IDs). */
export function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'localhost';
}

export type SmtpFailure = 'temporary' | 'permanent';

/**
 * Classifies a send error. 5xx replies are permanent (the server refused for good); 4xx replies,
 * timeouts, refused or dropped connections and anything unknown are temporary (retry later).
 */
export function classifySmtpError(error: unknown): SmtpFailure {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  if (typeof code === 'number' && code >= 500 && code < 600) return 'permanent';
  return 'temporary';
}

/** A short, staff-readable description of a send error. */
export function describeSmtpError(error: unknown): string {
  const e = error as { responseCode?: number; response?: string; code?: string; message?: string } | null;
  if (e?.response) return e.response.slice(0, 500);
  return [e?.code, e?.message ?? String(error)].filter(Boolean).join(': ').slice(0, 500);
}
