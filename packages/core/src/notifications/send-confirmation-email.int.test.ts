import { useTestDatabase } from '@undersigned/db/testing';
import { createMailer, type Mailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { confirmTokenMatches } from '../signatures/confirm-token';
import { signPetition } from '../signatures/sign-petition';
import { createCampaign, signer } from '../testing/fixtures';
import { findUnsentConfirmations } from './find-unsent-confirmations';
import { sendConfirmationEmail } from './send-confirmation-email';

const secret = 'test-confirm-secret-0123456789abcdef';
const t = useTestDatabase('send_confirmation');
let sink: SmtpSink;
let mailer: Mailer;
const deps = () => ({ mailer, confirmSecret: secret, publicWebUrl: 'http://localhost:3000' });

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Undersigned <hello@undersigned.example>' });
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});
beforeEach(() => sink.clear());

describe('sendConfirmationEmail', () => {
  it('mails a link whose token confirms this signature, in the signer’s language, once', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true, title: 'Save the park', titleEs: 'Salvar el parque' });
    const r = await signPetition(t.db, c.slug, signer({ email: 'lucia@example.org', locale: 'es', givenName: 'Lucía' }), { confirmSecret: secret });
    expect(await sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps())).toBe('sent');
    expect(await sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps())).toBe('already_sent');
    const [mail] = await sink.waitFor(1);
    expect(sink.messages).toHaveLength(1);
    expect(mail!.envelope.to).toEqual(['lucia@example.org']);
    expect(mail!.parsed.subject).toBe('Confirma tu firma: Salvar el parque');
    const link = /href="([^"]+\/confirm\?token=[^"]+)"/.exec(String(mail!.parsed.html))![1]!;
    expect(link.startsWith(`http://localhost:3000/es/petitions/${c.slug}/confirm?token=`)).toBe(true);
    const token = decodeURIComponent(new URL(link.replace(/&amp;/g, '&')).searchParams.get('token')!);
    const row = await t.db.signature.findUniqueOrThrow({ where: { id: r.signatureId } });
    expect(confirmTokenMatches(token, row.confirmTokenHash!)).toBe(true);
    expect(row.confirmationSentAt).not.toBeNull();
  });

  it('does not mail signatures that are no longer pending', async () => {
    const c = await createCampaign(t.db);
    const r = await signPetition(t.db, c.slug, signer());
    expect(await sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps())).toBe('not_pending');
    expect(sink.messages).toHaveLength(0);
  });

  it('leaves confirmation_sent_at empty when SMTP fails, so the reconciler finds it', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const r = await signPetition(t.db, c.slug, signer(), { confirmSecret: secret });
    sink.rejectNext(1, { code: 451 });
    await expect(sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps())).rejects.toMatchObject({ responseCode: 451 });
    expect(await findUnsentConfirmations(t.db, { olderThanMs: 0 })).toContain(r.signatureId.toString());
    expect(await findUnsentConfirmations(t.db, { olderThanMs: 60_000 })).not.toContain(r.signatureId.toString());
    await sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps());
    expect(await findUnsentConfirmations(t.db, { olderThanMs: 0 })).not.toContain(r.signatureId.toString());
  });
});

describe('sendConfirmationEmail on a permanent refusal', () => {
  it('marks the address bouncing, does not throw, and the reconciler stops looking', async () => {
    const c = await createCampaign(t.db, { requireConfirmation: true });
    const r = await signPetition(t.db, c.slug, signer({ email: 'nobody@bounce.example' }), { confirmSecret: secret });
    sink.rejectNext(1, { code: 550, message: 'No such user' });
    expect(await sendConfirmationEmail(t.db, { signatureId: r.signatureId }, deps())).toBe('bounced');
    const person = await t.db.person.findFirstOrThrow({ where: { canonicalEmail: 'nobody@bounce.example' } });
    expect(person.emailStatus).toBe('bouncing');
    expect(await findUnsentConfirmations(t.db, { olderThanMs: 0 })).not.toContain(r.signatureId.toString());
  });
});
