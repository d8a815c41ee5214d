import { readFile } from 'node:fs/promises';
import { createTestDatabase, type TestDatabase } from '@undersigned/db/testing';
import { createMailer, type Mailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { createCampaign, seedSignatures } from '../testing/fixtures';
import { buildNextDeliveryEmail } from './build-next-delivery-email';
import { claimDeliveryRange } from './claim-delivery-range';
import { sendDelivery, type SendDeliveryDeps } from './send-delivery';

let t: TestDatabase;
let sink: SmtpSink;
let mailer: Mailer;
let deps: SendDeliveryDeps;

beforeAll(async () => {
  t = await createTestDatabase('next_delivery_email');
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: 'Undersigned <deliveries@undersigned.example>', timeoutMs: 5_000 });
  deps = { mailer, databaseUrl: t.url, publicWebUrl: 'https://petitions.example/' };
});
afterAll(async () => {
  mailer.close();
  await sink.close();
  await t.drop();
});

/** Mail bodies come back from MIME with CRLF line ends. */
const lines = (text: string) => text.replace(/\r\n/g, '\n').trim();

describe('buildNextDeliveryEmail', () => {
  it('previews exactly the figures, text and CSV that the send path then delivers for the same range', async () => {
    const c = await createCampaign(t.db, {
      title: 'Safe streets for San José',
      targets: [{ title: 'Mayor', givenName: 'Sam', familyName: 'Liccardo', email: ' mayor@sanjose.example ', postalCodes: ['95112', '95116'] }],
    });
    const pair = await t.db.campaignTarget.findFirstOrThrow({ where: { campaignId: c.id } });
    await t.db.campaignTarget.update({ where: { campaignId_targetId: { campaignId: c.id, targetId: pair.targetId } }, data: { constituentsOnly: true } });
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
          .replaceAll(preview.props.deliveryUrl, `https://petitions.example/deliveries/${delivery.id}`)
          .replaceAll(preview.props.attachmentName, attachment.filename!)
          .replaceAll(preview.props.dateLabel, sentDate),
      ),
    );
    expect(attachment.content.equals(previewCsv)).toBe(true);
  });
});
