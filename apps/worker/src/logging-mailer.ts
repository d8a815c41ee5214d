import { scrubEmails, type Logger } from '@undersigned/log';
import type { Mailer } from '@undersigned/email';

/** The three-digit reply code at the start of an SMTP answer ("250 2.0.0 Ok: queued as …" → 250). */
export function smtpCodeOf(answer: string | undefined): number | undefined {
  const match = /^\s*([2-5]\d\d)\b/.exec(answer ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * The mailer a job sends through: the process's pooled mailer, logging each SMTP answer on the
 * job's logger (its bindings carry jobId, queue and the payload's ids) — `smtp answer` with the
 * reply code, the server's reply and the Message-ID, or `smtp refused` with the error's code and
 * reply. The recipient is never logged (and the reply text has addresses scrubbed by the logger's
 * error serializer, from an accepted message's reply here).
 */
export function loggingMailer(mailer: Mailer, logger: Logger, level: 'info' | 'debug' = 'info'): Mailer {
  return {
    from: mailer.from,
    verify: () => mailer.verify(),
    close: () => mailer.close(),
    async send(mail) {
      const startedAt = Date.now();
      try {
        const sent = await mailer.send(mail);
        logger[level](
          {
            smtpCode: smtpCodeOf(sent.response),
            smtpResponse: scrubEmails(sent.response),
            messageId: sent.messageId,
            smtpMs: Date.now() - startedAt,
          },
          'smtp answer',
        );
        return sent;
      } catch (error) {
        const { responseCode } = error as { responseCode?: unknown };
        logger.warn(
          { smtpCode: typeof responseCode === 'number' ? responseCode : undefined, smtpMs: Date.now() - startedAt, err: error },
          'smtp refused',
        );
        throw error;
      }
    },
  };
}
