import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { useTestDatabase } from '@undersigned/db/testing';
import { createMailer, type Mailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { buildNextDeliveryEmail } from './build-next-delivery-email';
import { claimDeliveryRange } from './claim-delivery-range';
import { sendDelivery, TemporaryDeliveryError, UNCERTAIN_PREFIX, type SendDeliveryDeps } from './send-delivery';

const t = useTestDatabase('send_delivery');
let sink: SmtpSink;
let mailer: Mailer;
let deps: SendDeliveryDeps;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Undersigned <deliveries@undersigned.example>', timeoutMs: 5_000 });
  deps = { mailer, databaseUrl: t.url, publicWebUrl: 'http://localhost:3000' };
});
afterAll(async () => {
  mailer.close();
  await sink.close();
});
beforeEach(() => sink.clear());

async function claimFor(options: { count: number; comment?: string; includeEmails?: boolean; targetEmail?: string | null }) {
  const c = await createCampaign(t.db, {
    title: 'Protect San José families',
    targets: [
      {
        title: 'Mayor',
        givenName: 'Sam',
        familyName: 'Liccardo',
        email: options.targetEmail === undefined ? 'mayor@sanjose.example' : options.targetEmail,
      },
    ],
  });
  await t.db.campaign.update({
    where: { id: c.id },
    data: { contactEmail: 'organizers@undersigned.example', includeEmailsInDeliveries: options.includeEmails ?? false },
  });
  const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
  await seedSignatures(t.db, c.id, { count: options.count, comment: options.comment ?? null });
  const d = await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'milestone', milestone: 100 });
  return { campaign: c, delivery: d! };
}

/**
 * The sink answers 250 before it parses and records a message, so a message can land a moment
 * after sendDelivery returns: wait for the expected ones, then a little longer for any extra.
 */
const settled = () => new Promise((resolve) => setTimeout(resolve, 150));

function csvOf(mail: { parsed: { attachments: { content: Buffer; filename?: string }[] } }) {
  const attachment = mail.parsed.attachments[0]!;
  const bytes = attachment.filename?.endsWith('.gz') ? gunzipSync(attachment.content) : attachment.content;
  return bytes;
}

describe('sendDelivery', () => {
  it('emails the official a CSV with a BOM whose rows hash to the manifest shown in the email and stored', async () => {
    const { delivery } = await claimFor({ count: 120, comment: '=HYPERLINK("x") ¡Ya basta!' });
    const result = await sendDelivery(t.db, { deliveryId: delivery.id }, deps);
    expect(result).toMatchObject({ outcome: 'sent', count: 120, gzipped: false });
    const [mail] = await sink.waitFor(1);
    expect(mail!.envelope.to).toEqual(['mayor@sanjose.example']);
    expect(mail!.parsed.subject).toBe('120 people ask you: Protect San José families');
    expect(mail!.parsed.replyTo?.text).toBe('organizers@undersigned.example');
    expect(mail!.parsed.messageId).toBe(`<delivery-${delivery.id}@undersigned.example>`);

    const csv = csvOf(mail!);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    const firstBreak = csv.indexOf(0x0a);
    expect(text.slice(1, text.indexOf('\n'))).toBe('Signed date,Given name,Family name,City,Postal code,Comment');
    const rows = csv.subarray(firstBreak + 1);
    const sha = createHash('sha256').update(rows).digest('hex');
    const stored = await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(stored).toMatchObject({ status: 'sent', manifestSha256: sha, signatureCount: 120, attempts: 1 });
    expect(stored.smtpResponse).toMatch(/^250/);
    expect(mail!.parsed.text).toContain(sha);
    expect(mail!.parsed.text).toContain(`http://localhost:3000/deliveries/${delivery.id}`);
    expect(text).toContain(',Núñez,San Jose,95112,');
    expect(text).toContain(`"'=HYPERLINK(""x"") ¡Ya basta!"`);
    expect(text).not.toContain('@example.org');
    expect(rows.toString('utf8').trim().split('\n')).toHaveLength(120);
  });

  it('does nothing for a delivery already sent (a repeated job)', async () => {
    const { delivery } = await claimFor({ count: 3 });
    await sendDelivery(t.db, { deliveryId: delivery.id }, deps);
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'already_sent' });
    await sink.waitFor(1);
    await settled();
    expect(sink.messages).toHaveLength(1);
  });

  it('includes emails only when the campaign opts in', async () => {
    const { delivery } = await claimFor({ count: 2, includeEmails: true });
    await sendDelivery(t.db, { deliveryId: delivery.id }, deps);
    const [mail] = await sink.waitFor(1);
    const text = csvOf(mail!).toString('utf8');
    expect(text.split('\n')[0]).toContain(',Email');
    expect(text).toMatch(/Signer-.*@Example\.org/);
  });

  it('gzips a large CSV and the manifest still covers the uncompressed rows', async () => {
    const { delivery } = await claimFor({ count: 300 });
    const result = await sendDelivery(t.db, { deliveryId: delivery.id }, { ...deps, gzipAboveBytes: 1_000 });
    expect(result).toMatchObject({ outcome: 'sent', gzipped: true });
    const [mail] = await sink.waitFor(1);
    expect(mail!.parsed.attachments[0]!.filename).toMatch(/\.csv\.gz$/);
    const csv = csvOf(mail!);
    const sha = createHash('sha256')
      .update(csv.subarray(csv.indexOf(0x0a) + 1))
      .digest('hex');
    expect((await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).manifestSha256).toBe(sha);
  });

  it('records a 5xx rejection as failed with the server’s answer, and sends nothing more', async () => {
    const { delivery } = await claimFor({ count: 2 });
    sink.rejectNext(1, { code: 550, message: 'Mailbox unavailable' });
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'failed' });
    const stored = await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(stored.status).toBe('failed');
    expect(stored.lastError).toContain('550');
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'failed' });
    await settled();
    expect(sink.messages).toHaveLength(0);
  });

  it('puts a delivery back to pending with the error on a 4xx, then sends it once', async () => {
    const { delivery } = await claimFor({ count: 2 });
    sink.rejectNext(1, { code: 451, message: 'Greylisted' });
    await expect(sendDelivery(t.db, { deliveryId: delivery.id }, deps)).rejects.toBeInstanceOf(TemporaryDeliveryError);
    const between = await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(between).toMatchObject({ status: 'pending', attempts: 1 });
    expect(between.lastError).toContain('451');
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'sent' });
    await sink.waitFor(1);
    await settled();
    expect(sink.messages).toHaveLength(1);
    expect((await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } })).attempts).toBe(2);
  });

  it('does not re-send a delivery found `sending` after a crash: it is marked failed for staff to check', async () => {
    const { delivery } = await claimFor({ count: 2 });
    await t.db.delivery.update({ where: { id: delivery.id }, data: { status: 'sending', sendingAt: new Date() } });
    const result = await sendDelivery(t.db, { deliveryId: delivery.id }, deps);
    expect(result.outcome).toBe('uncertain');
    const stored = await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(stored.status).toBe('failed');
    expect(stored.lastError).toContain(UNCERTAIN_PREFIX);
    expect(stored.lastError).toContain(`<delivery-${delivery.id}@undersigned.example>`);
    await settled();
    expect(sink.messages).toHaveLength(0);
  });

  it('fails a delivery whose target lost its email, without sending', async () => {
    const { delivery } = await claimFor({ count: 2 });
    await t.db.target.update({ where: { id: delivery.targetId }, data: { email: null } });
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'failed' });
    await settled();
    expect(sink.messages).toHaveLength(0);
  });
});

/** Mail bodies come back from MIME with CRLF line ends. */
const lines = (text: string) => text.replace(/\r\n/g, '\n').trim();

describe('buildNextDeliveryEmail (the staff preview)', () => {
  it('previews exactly the figures, text and CSV that the send path then delivers for the same range', async () => {
    const c = await createCampaign(t.db, {
      title: 'Safe streets for San José',
      targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', email: ' mayor@sanjose.example ', postalCodes: ['95112', '95116'] }],
    });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await t.db.campaignTarget.update({
      where: { campaignId_targetId: { campaignId: c.id, targetId: pair.targetId } },
      data: { constituentsOnly: true },
    });
    // An earlier delivery, so that the next range starts past zero and "new" means new since then.
    await seedSignatures(t.db, c.id, { count: 5 });
    const earlier = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' }))!;
    await seedSignatures(t.db, c.id, { count: 4, postalCode: '95112', comment: 'Fix the crossing at 10th St' });
    await seedSignatures(t.db, c.id, { count: 2, postalCode: '95116-0001', locality: 'East San Jose' });
    await seedSignatures(t.db, c.id, { count: 3, postalCode: '94110', locality: 'San Francisco' });
    await seedSignatures(t.db, c.id, { count: 1, postalCode: '95112', status: 'fraudulent' });

    const preview = await buildNextDeliveryEmail(t.db, { campaignId: c.id, targetId: pair.targetId }, deps);
    const previewCsv = await readFile(preview.csv.path);
    await preview.csv.cleanup();
    expect(preview.to).toBe('mayor@sanjose.example');
    expect(preview.range.fromSeq).toBe(earlier.toSeq.toString());
    expect(preview.props).toMatchObject({ trigger: 'manual', totalCount: 14, constituentCount: 11, newCount: 6 });
    // In a campaigner's terms: the 6 come after what the earlier delivery carried.
    expect(preview.positions).toEqual({ first: earlier.signatureCount + 1, last: earlier.signatureCount + 6 });
    expect(preview.signedBetween!.first.getTime()).toBeLessThanOrEqual(preview.signedBetween!.last.getTime());
    expect(preview.props.breakdown).toEqual([
      { locality: 'San Jose', postalCode: '95112', count: 4 },
      { locality: 'East San Jose', postalCode: '95116', count: 2 },
    ]);
    expect(preview.props.comments).toHaveLength(4);

    const delivery = (await claimDeliveryRange(t.db, { campaignId: c.id, targetId: pair.targetId, trigger: 'manual' }))!;
    expect(await sendDelivery(t.db, { deliveryId: delivery.id }, deps)).toMatchObject({ outcome: 'sent', count: 6 });
    const [mail] = await sink.waitFor(1);
    const sent = await t.db.delivery.findUniqueOrThrow({ where: { id: delivery.id } });

    // The figures the claim stored are the preview's.
    expect({ fromSeq: sent.fromSeq.toString(), toSeq: sent.toSeq.toString() }).toEqual(preview.range);
    expect(sent).toMatchObject({
      totalCount: preview.props.totalCount,
      constituentCount: preview.props.constituentCount,
      signatureCount: preview.newCount,
      manifestSha256: preview.props.manifest.sha256,
    });
    // The email and attachment sent are the preview's, but for what names the delivery itself:
    // its public record link, its file name (and the date, should midnight pass in between).
    const attachment = mail!.parsed.attachments[0]!;
    const sentDate = /-(\d{4}-\d{2}-\d{2})-[0-9a-f]{8}\.csv$/.exec(attachment.filename ?? '')![1]!;
    expect(mail!.envelope.to).toEqual([preview.to]);
    expect(mail!.parsed.subject).toBe(preview.subject);
    expect(lines(mail!.parsed.text ?? '')).toBe(
      lines(
        preview.text
          .replaceAll(preview.props.deliveryUrl, `${deps.publicWebUrl}/deliveries/${delivery.id}`)
          .replaceAll(preview.props.attachmentName, attachment.filename!)
          .replaceAll(preview.props.dateLabel, sentDate),
      ),
    );
    expect(attachment.content.equals(previewCsv)).toBe(true);
  });
});
