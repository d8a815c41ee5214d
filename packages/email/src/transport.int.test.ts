import net from 'node:net';
import { messageIdOf, startCountingSmtpSink, startSmtpSink, type SmtpSink } from './testing';
import { classifySmtpError, createMailer, domainOf, type Mailer } from './transport';
import { confirmUrl, renderConfirmSignatureEmail } from './templates/confirm-signature';
import { renderDeliveryEmail } from './templates/delivery';

let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Undersigned <deliveries@undersigned.example>', timeoutMs: 5_000 });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});
beforeEach(() => sink.clear());

describe('confirmation email over SMTP', () => {
  it('arrives with the Spanish subject, the /es confirm link and a plain-text part', async () => {
    const url = confirmUrl('http://localhost:3000/', 'es', 'salvar-el-parque', 'tok_en-123');
    expect(url).toBe('http://localhost:3000/es/petitions/salvar-el-parque/confirm?token=tok_en-123');
    const email = await renderConfirmSignatureEmail({ locale: 'es', givenName: 'María', campaignTitle: 'Salvar el parque', confirmUrl: url });
    await mailer.send({ to: 'maria@example.org', ...email });
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.subject).toBe('Confirma tu firma: Salvar el parque');
    expect(mail!.parsed.html).toContain('href="http://localhost:3000/es/petitions/salvar-el-parque/confirm?token=tok_en-123"');
    expect(mail!.parsed.html).toContain('lang="es"');
    expect(mail!.parsed.text).toContain('Hola, María');
    expect(mail!.envelope.to).toEqual(['maria@example.org']);
  });

  it('keeps a deterministic Message-ID and the reply-to', async () => {
    const email = await renderConfirmSignatureEmail({ locale: 'en', givenName: 'Ana', campaignTitle: 'T', confirmUrl: 'http://x.example/c' });
    const messageId = `<delivery-abc@${domainOf(mailer.from)}>`;
    await mailer.send({ to: 'a@example.org', replyTo: 'campaign@org.example', messageId, ...email });
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.messageId).toBe('<delivery-abc@undersigned.example>');
    expect(mail!.parsed.replyTo?.text).toBe('campaign@org.example');
  });
});

describe('SMTP failures', () => {
  it('classifies a 4xx reply as temporary and a 5xx reply as permanent', async () => {
    const email = { subject: 's', html: '<p>x</p>', text: 'x' };
    sink.rejectNext(1, { code: 451, message: 'Try again later' });
    const temp = await mailer.send({ to: 'a@example.org', ...email }).catch((e: unknown) => e);
    expect(classifySmtpError(temp)).toBe('temporary');
    sink.rejectNext(1, { code: 550, message: 'No such user' });
    const perm = await mailer.send({ to: 'a@example.org', ...email }).catch((e: unknown) => e);
    expect(classifySmtpError(perm)).toBe('permanent');
    expect(String((perm as { response: string }).response)).toContain('550');
    expect(sink.messages).toHaveLength(0);
  });

  it('treats a refused connection as temporary', async () => {
    const closed = createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: 'x@undersigned.example', timeoutMs: 1_000 });
    const error = await closed.send({ to: 'a@example.org', subject: 's', html: 'x', text: 'x' }).catch((e: unknown) => e);
    closed.close();
    expect(classifySmtpError(error)).toBe('temporary');
  });

  it('gives up on a connection that never completes after timeoutMs, as a temporary failure', async () => {
    // 10.255.255.1 is not routed: the SYN goes unanswered.
    const black = createMailer({ smtpUrl: 'smtp://10.255.255.1:25', from: 'x@undersigned.example', timeoutMs: 300 });
    const started = Date.now();
    const error = await black.send({ to: 'a@example.org', subject: 's', html: 'x', text: 'x' }).catch((e: unknown) => e);
    black.close();
    expect(classifySmtpError(error)).toBe('temporary');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('pooled connections', () => {
  it('open with TCP_NODELAY (a message is many small writes: with Nagle each waits ~40 ms for the delayed ACK)', async () => {
    const connect = jest.spyOn(net, 'connect');
    const own = createMailer({ smtpUrl: sink.url, from: 'x@undersigned.example', timeoutMs: 5_000 });
    try {
      await own.send({ to: 'a@example.org', subject: 's', html: '<p>x</p>', text: 'x' });
      await sink.waitFor(1);
      expect(connect).toHaveBeenCalledWith(expect.objectContaining({ port: sink.port, noDelay: true }));
    } finally {
      own.close();
      connect.mockRestore();
    }
  });
});

describe('delivery email', () => {
  it('states both numbers for constituent-only targets and shows the manifest', async () => {
    const email = await renderDeliveryEmail({
      campaignTitle: 'Protect San José families',
      ask: 'Declare San José a welcoming city.',
      campaignUrl: 'http://localhost:3000/petitions/sj',
      targetName: 'Mayor Sam Liccardo',
      trigger: 'milestone',
      milestone: 1000,
      totalCount: 1500,
      constituentCount: 1004,
      newCount: 1004,
      breakdown: [{ locality: 'San Jose', postalCode: '95112', count: 700 }],
      comments: [{ name: 'Ana G.', locality: 'San Jose', comment: '¡Sí se puede!' }],
      manifest: { count: 1004, sha256: 'a'.repeat(64) },
      range: { fromSeq: '0', toSeq: '1500' },
      deliveryUrl: 'http://localhost:3000/deliveries/x',
      attachmentName: 'signatures.csv',
      dateLabel: '2026-11-26',
    });
    expect(email.subject).toBe('1,004 of your constituents (1,500 people in all) ask you: Protect San José families');
    expect(email.text).toContain('a'.repeat(64));
    expect(email.text).toContain('¡Sí se puede!');
    expect(email.html).toContain('http://localhost:3000/deliveries/x');
  });
});

const send = (to: string) => mailer.send({ to, subject: `to ${to}`, html: '<p>x</p>', text: 'x' });

/** Speaks SMTP by hand up to the end of the data, then cuts the connection without waiting for the answer. */
function sendAndVanish(port: number, to: string): Promise<void> {
  const script = [
    'EHLO test',
    'MAIL FROM:<a@undersigned.example>',
    `RCPT TO:<${to}>`,
    'DATA',
    `Subject: vanished\r\nMessage-ID: <vanish@test>\r\n\r\nbody\r\n.`,
  ];
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      // The next command after each complete reply (the last line of a reply has a space after its code).
      for (const line of chunk.split('\r\n')) {
        if (!/^\d{3} /.test(line) || !script.length) continue;
        const next = script.shift()!;
        if (script.length) socket.write(`${next}\r\n`);
        else socket.end(`${next}\r\n`, resolve);
      }
    });
    socket.on('error', reject);
  });
}

describe('the test SMTP sink (what the worker and drill tests rely on)', () => {
  afterEach(() => {
    sink.decide = null;
  });

  it('records every attempt with its answer: rejected by rejectNext, by decide, or accepted', async () => {
    sink.rejectNext(1, { code: 451, message: 'Greylisted' });
    sink.decide = (mail) => (mail.envelope.to.includes('gone@example.org') ? { code: 550, message: 'No such user' } : null);
    await expect(send('first@example.org')).rejects.toThrow(/451/);
    await expect(send('gone@example.org')).rejects.toThrow(/550/);
    await send('ok@example.org');
    expect(sink.attempts.map((a) => [a.to, a.code])).toEqual([
      [['first@example.org'], 451],
      [['gone@example.org'], 550],
      [['ok@example.org'], 250],
    ]);
    expect(sink.rejected).toBe(2);
    expect(sink.messages.map((m) => m.envelope.to)).toEqual([['ok@example.org']]);
  });

  it('lets decide hold the answer, and keeps a message whose sender vanished before the 250', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    sink.decide = () => held;
    await sendAndVanish(sink.port, 'vanished@example.org');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sink.messages).toHaveLength(0); // still deciding
    release();
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.messageId).toBe('<vanish@test>');
    expect(mail!.receivedAt).toBeLessThanOrEqual(Date.now());
    expect(sink.attempts).toMatchObject([{ to: ['vanished@example.org'], code: 250 }]);
  });
});

describe('the counting SMTP sink (benchmarks and drills at volume: ids, no bodies)', () => {
  it('counts accepted messages by Message-ID and recipient, keeps header samples, and reports duplicates', async () => {
    const counting = await startCountingSmtpSink({ byRecipient: true, samples: 1 });
    const pooled = createMailer({ smtpUrl: counting.url, from: 'Undersigned <updates@undersigned.example>', timeoutMs: 5_000 });
    try {
      const mail = (to: string, messageId: string) =>
        pooled.send({
          to,
          messageId,
          subject: 's',
          html: '<p>x</p>',
          text: 'x'.repeat(5_000),
          headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      await Promise.all([mail('a@example.org', '<u-1@undersigned.example>'), mail('b@example.org', '<u-2@undersigned.example>')]);
      await mail('a@example.org', '<u-1@undersigned.example>');
      await counting.waitFor(3);
      expect(counting.accepted).toBe(3);
      expect([...counting.byMessageId.entries()].sort()).toEqual([
        ['<u-1@undersigned.example>', 2],
        ['<u-2@undersigned.example>', 1],
      ]);
      expect(counting.byRecipient.get('a@example.org')).toBe(2);
      expect(counting.duplicates()).toBe(1);
      expect(counting.samples).toHaveLength(1);
      expect(counting.samples[0]).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(counting.samples[0]).not.toContain('xxxxx'); // no body kept
    } finally {
      pooled.close();
      await counting.close();
    }
  });

  it('lets decide reject (not counted) or hold the answer; a message whose sender vanished still counts', async () => {
    const counting = await startCountingSmtpSink();
    const pooled = createMailer({ smtpUrl: counting.url, from: 'x@undersigned.example', timeoutMs: 5_000 });
    try {
      counting.decide = (m) => (m.to.includes('gone@example.org') ? { code: 550, message: 'No such user' } : null);
      await expect(pooled.send({ to: 'gone@example.org', subject: 's', html: 'x', text: 'x' })).rejects.toThrow(/550/);
      expect(counting.rejected).toBe(1);
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      counting.decide = () => held;
      await sendAndVanish(counting.port, 'vanished@example.org');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(counting.accepted).toBe(0);
      release();
      await counting.waitFor(1);
      expect([...counting.byMessageId.keys()]).toEqual(['<vanish@test>']);
      expect(messageIdOf('Subject: x\r\nMessage-ID:\r\n <folded@x>\r\nTo: y')).toBe('<folded@x>');
    } finally {
      pooled.close();
      await counting.close();
    }
  });
});
