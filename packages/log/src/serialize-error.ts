/** What an error becomes in a log line: enough to find the fault, nothing a person typed. */
export interface SerializedError {
  type: string;
  message: string;
  /** Node's and drivers' error codes: ECONNREFUSED, Postgres SQLSTATE, Prisma P2002 … */
  code?: string | number;
  /** An SMTP server's reply code (nodemailer's `responseCode`). */
  responseCode?: number;
  stack?: string;
  cause?: SerializedError;
}

const EMAIL = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+\.[^\s<>()[\]"',;:@]+/g;

/**
 * Email addresses in free text (an error's message, an SMTP server's reply such as "550 5.1.1
 * <ana@example.org>: Recipient address rejected") replaced by `[email]`.
 */
export function scrubEmails(text: string): string {
  return text.replace(EMAIL, '[email]');
}

/**
 * The `err` serializer of every logger: the error's type, message, code, SMTP reply code, stack
 * and cause — and nothing else. Not pino's default, which copies every enumerable property: a
 * Postgres error's `detail` ("Key (canonical_email)=(…) already exists"), a Prisma error's
 * `meta`, an HTTP client error's request body. Email addresses in the text are scrubbed.
 */
export function serializeError(error: unknown, depth = 0): SerializedError {
  if (!(error instanceof Error)) return { type: typeof error, message: scrubEmails(String(error)) };
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    type: error.name,
    message: scrubEmails(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof responseCode === 'number' ? { responseCode } : {}),
    ...(error.stack ? { stack: scrubEmails(error.stack) } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: serializeError(error.cause, depth + 1) } : {}),
  };
}
