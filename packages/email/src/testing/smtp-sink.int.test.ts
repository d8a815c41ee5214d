import net from 'node:net';
import { createMailer, type Mailer } from '../transport';
import { startSmtpSink, type SmtpSink } from './smtp-sink';

let sink: SmtpSink;
let mailer: Mailer;
beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Sink test <sink@undersigned.example>', timeoutMs: 5_000 });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});
beforeEach(() => {
  sink.decide = null;
  sink.clear();
});

const send = (to: string) => mailer.send({ to, subject: `to ${to}`, html: '<p>x</p>', text: 'x' });

/** Speaks SMTP by hand up to the end of the data, then cuts the connection without waiting for the answer. */
function sendAndVanish(port: number, to: string): Promise<void> {
  const script = ['EHLO test', 'MAIL FROM:<a@undersigned.example>', `RCPT TO:<${to}>`, 'DATA', `Subject: vanished\r\nMessage-ID: <vanish@test>\r\n\r\nbody\r\n.`];
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

describe('smtp sink', () => {
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
