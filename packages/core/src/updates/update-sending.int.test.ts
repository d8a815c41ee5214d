import { useTestDatabase } from '@undersigned/db/testing';
import { createMailer, type Mailer } from '@undersigned/email';
import { startSmtpSink, type SmtpSink } from '@undersigned/email/testing';
import { deleteTestKeys, testRedisUrl, uniquePrefix } from '@undersigned/testing';
import { Redis } from 'ioredis';
import { createCampaign, createUpdateFixture, seedConsentingSigners } from '../testing/fixtures';
import { planUpdateChunk } from './plan-update-chunk';
import { reapInterruptedRecipients } from './reap-interrupted-recipients';
import { recordSuppression } from './record-suppression';
import { runUpdateSend, type UpdateSendRunDeps } from './run-update-send';
import { createUpdateSendThrottle } from './update-send-throttle';
import { countUpdateAudience } from './count-update-audience';
import { verifyUnsubscribeToken } from './unsubscribe-token';

const t = useTestDatabase('update_sending');
const SECRET = 'update-sending-test-secret-0123456789';
const WEB = 'https://petitions.example.org';
const prefix = uniquePrefix('update-sending');
let sink: SmtpSink;
let mailer: Mailer;
let redis: Redis;
let deps: UpdateSendRunDeps;

beforeAll(async () => {
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, from: '"Undersigned" <updates@undersigned.example>', timeoutMs: 5_000 });
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  deps = {
    mailer,
    throttle: createUpdateSendThrottle(redis, { ratePerSecond: 0, keyPrefix: prefix }),
    secret: SECRET,
    publicWebUrl: WEB,
    batchSize: 7,
    concurrency: 4,
    retryBaseMs: 200,
    maxAttempts: 3,
  };
});
afterAll(async () => {
  mailer.close();
  await sink.close();
  redis.disconnect();
  await deleteTestKeys({ QUEUE_PREFIX: prefix });
});
/** The sink answers 250 before parsing a message: wait until every accepted message is in `messages`. */
async function settle() {
  for (let i = 0; i < 500 && sink.messages.length < sink.attempts.filter((a) => a.code === 250).length; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
beforeEach(async () => {
  await settle();
  sink.clear();
});

const messageIds = () => sink.messages.map((m) => m.parsed.messageId ?? '');
const recipientsOf = (updateId: string) => t.db.updateRecipient.findMany({ where: { updateId }, orderBy: { personId: 'asc' } });
const updateRow = (updateId: string) => t.db.campaignUpdate.findUniqueOrThrow({ where: { id: updateId } });

async function planAll(updateId: string, chunk = 5) {
  for (let i = 0; i < 10_000; i += 1) {
    const r = await planUpdateChunk(t.db, { updateId, chunk, secret: SECRET });
    if (r.done) return;
  }
  throw new Error('planning never finished');
}

/** Runs sending to the end (including waits for retries), as the worker's chain of jobs would. */
async function sendAll(updateId: string, extra: Partial<UpdateSendRunDeps> = {}) {
  for (let i = 0; i < 200; i += 1) {
    const r = await runUpdateSend(t.db, { updateId }, { ...deps, ...extra });
    if (!r.more) {
      await settle();
      return r;
    }
    if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, Math.min(r.delayMs!, 2_000)));
  }
  throw new Error('sending never finished');
}

async function campaignWithAudience(count: number, options: { spanishShare?: number } = {}) {
  const campaign = await createCampaign(t.db, { title: 'Protect San José families', titleEs: 'Protejamos a las familias de San José' });
  const batch = await seedConsentingSigners(t.db, campaign.id, { count, spanishShare: options.spanishShare });
  // Not in the audience: never consented.
  await seedConsentingSigners(t.db, campaign.id, { count: 3, consent: false });
  return { campaign, batch };
}

describe('planning an update', () => {
  it('writes exactly one recipient row per audience member, in chunks, even with two planners at once', async () => {
    const { campaign } = await campaignWithAudience(23, { spanishShare: 0.25 });
    const audience = await countUpdateAudience(t.db, campaign.id, SECRET);
    const update = await createUpdateFixture(t.db, campaign.id);
    await Promise.all([planAll(update.id, 4), planAll(update.id, 4), planAll(update.id, 6)]);
    const rows = await recipientsOf(update.id);
    expect(rows).toHaveLength(23);
    expect(new Set(rows.map((r) => r.personId)).size).toBe(23);
    expect(rows.filter((r) => r.locale === 'es')).toHaveLength(audience.es);
    const u = await updateRow(update.id);
    expect(u).toMatchObject({ status: 'sending', recipientCount: 23 });
    expect(u.plannedAt).not.toBeNull();
    // Planning again changes nothing.
    expect(await planUpdateChunk(t.db, { updateId: update.id, chunk: 4, secret: SECRET })).toMatchObject({
      inserted: 0,
      done: true,
      status: 'sending',
    });
  });

  it('writes nothing once the update is paused or cancelled', async () => {
    const { campaign } = await campaignWithAudience(10);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planUpdateChunk(t.db, { updateId: update.id, chunk: 4, secret: SECRET });
    await t.db.campaignUpdate.update({ where: { id: update.id }, data: { status: 'paused' } });
    expect(await planUpdateChunk(t.db, { updateId: update.id, chunk: 4, secret: SECRET })).toMatchObject({
      inserted: 0,
      done: true,
      status: 'paused',
    });
    expect(await recipientsOf(update.id)).toHaveLength(4);
    expect((await updateRow(update.id)).recipientCount).toBe(4);
  });
});

describe('sending an update', () => {
  it('sends each recipient exactly one message in their language, with the one-click unsubscribe headers and the footer', async () => {
    const { campaign } = await campaignWithAudience(30, { spanishShare: 0.5 });
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id, 8);
    await Promise.all([sendAll(update.id), sendAll(update.id)]);
    await sink.waitFor(30);
    const ids = messageIds();
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    const rows = await recipientsOf(update.id);
    for (const row of rows) expect(ids).toContain(`<update-${update.id}-${row.personId}@undersigned.example>`);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt)).toBe(true);

    const es = sink.messages.find((m) => m.parsed.subject === 'El alcalde respondió')!;
    const en = sink.messages.find((m) => m.parsed.subject === 'The Mayor answered')!;
    for (const [mail, locale] of [
      [en, 'en'],
      [es, 'es'],
    ] as const) {
      const listUnsubscribe = mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\r?\n\s+/g, '');
      const url = /<([^>]+)>/.exec(listUnsubscribe)![1]!;
      expect(url.startsWith(`${WEB}${locale === 'es' ? '/es' : ''}/unsubscribe/`)).toBe(true);
      const subject = verifyUnsubscribeToken(url.split('/').pop()!, SECRET)!;
      expect(subject).toMatchObject({ campaignId: campaign.id, updateId: update.id });
      expect(mail.envelope.to[0]).toBe((await t.db.person.findUniqueOrThrow({ where: { id: subject.personId } })).email);
      expect(mail.parsed.headerLines.find((h) => h.key === 'list-unsubscribe-post')!.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
      expect(mail.parsed.text).toContain(url);
      expect(mail.parsed.html).toContain(url);
      expect(mail.parsed.text).not.toContain('PLACEHOLDER');
    }
    expect(en.parsed.text).toContain('You are receiving this because you signed “Protect San José families” and asked Undersigned');
    expect(es.parsed.text).toContain('Recibes este correo porque firmaste «Protejamos a las familias de San José»');
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 30, failedCount: 0, runStartedAt: null });
    expect((await updateRow(update.id)).finishedAt).not.toBeNull();
  });

  it('sends an English-only update in English to Spanish signers', async () => {
    const { campaign } = await campaignWithAudience(4, { spanishShare: 0.5 });
    const update = await createUpdateFixture(t.db, campaign.id, { subjectEs: null, bodyEs: null });
    await planAll(update.id);
    await sendAll(update.id);
    expect(sink.messages.map((m) => m.parsed.subject)).toEqual(Array(4).fill('The Mayor answered'));
  });

  it('does not send to an address suppressed after planning, before its turn', async () => {
    const { campaign, batch } = await campaignWithAudience(6);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    await recordSuppression(
      t.db,
      { canonicalEmail: `update-${batch}-2@example.org`, campaignId: campaign.id, reason: 'unsubscribe', source: 'one-click' },
      SECRET,
    );
    await recordSuppression(
      t.db,
      { canonicalEmail: `update-${batch}-4@example.org`, campaignId: null, reason: 'complaint', source: 'webhook' },
      SECRET,
    );
    const result = await sendAll(update.id);
    expect(result.outcome).toBe('finished');
    const to = sink.messages.flatMap((m) => m.envelope.to);
    expect(to).toHaveLength(4);
    expect(to).not.toContain(`update-${batch}-2@example.org`);
    expect(to).not.toContain(`update-${batch}-4@example.org`);
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 4, suppressedCount: 2 });
  });

  it('suppresses an address the server refuses for good (5xx) and counts the bounce; retries 4xx until accepted', async () => {
    const { campaign, batch } = await campaignWithAudience(5);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    const hard = `update-${batch}-1@example.org`;
    const soft = `update-${batch}-3@example.org`;
    let softTries = 0;
    sink.decide = (mail) => {
      if (mail.envelope.to.includes(hard)) return { code: 550, message: 'No such user' };
      if (mail.envelope.to.includes(soft) && ++softTries <= 2) return { code: 451, message: 'Greylisted' };
      return null;
    };
    await sendAll(update.id);
    const to = sink.messages.flatMap((m) => m.envelope.to);
    expect(to.sort()).toEqual([`update-${batch}-2@example.org`, soft, `update-${batch}-4@example.org`, `update-${batch}-5@example.org`].sort());
    expect(softTries).toBe(3);
    const rows = await recipientsOf(update.id);
    const hardPerson = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: hard } });
    const softPerson = await t.db.person.findUniqueOrThrow({ where: { canonicalEmail: soft } });
    expect(rows.find((r) => r.personId === hardPerson.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('No such user') });
    expect(rows.find((r) => r.personId === softPerson.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(hardPerson.emailStatus).toBe('bouncing');
    expect(await t.db.emailSuppression.count({ where: { updateId: update.id, reason: 'bounce', source: 'smtp' } })).toBe(1);
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 4, failedCount: 1, bounceCount: 1 });
    // The bounced address is not in the next update's audience.
    const next = await createUpdateFixture(t.db, campaign.id);
    await planAll(next.id);
    expect(await recipientsOf(next.id)).toHaveLength(4);
  });

  it('gives up on an address that keeps answering 4xx after the last attempt', async () => {
    const { campaign, batch } = await campaignWithAudience(2);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    const soft = `update-${batch}-1@example.org`;
    sink.decide = (mail) => (mail.envelope.to.includes(soft) ? { code: 452, message: 'Mailbox full' } : null);
    await sendAll(update.id);
    expect(sink.attempts.filter((a) => a.to.includes(soft))).toHaveLength(3);
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 1, failedCount: 1, bounceCount: 0 });
  });

  it('stops claiming while paused and finishes after resume', async () => {
    const { campaign } = await campaignWithAudience(20);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    let accepted = 0;
    sink.decide = async () => {
      accepted += 1;
      if (accepted === 3) await t.db.campaignUpdate.update({ where: { id: update.id }, data: { status: 'paused', runStartedAt: null } });
      return null;
    };
    const paused = await runUpdateSend(t.db, { updateId: update.id }, { ...deps, batchSize: 5, concurrency: 1 });
    await settle();
    expect(paused).toMatchObject({ outcome: 'not_sending', status: 'paused', more: false, sent: 5 });
    expect(sink.messages).toHaveLength(5);
    expect(await runUpdateSend(t.db, { updateId: update.id }, deps)).toMatchObject({ outcome: 'not_sending', sent: 0 });
    await t.db.campaignUpdate.update({ where: { id: update.id }, data: { status: 'sending', runStartedAt: new Date() } });
    await sendAll(update.id);
    expect(new Set(messageIds()).size).toBe(20);
    expect(sink.messages).toHaveLength(20);
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 20 });
  });

  it('marks the recipients not yet sent cancelled when the update is cancelled', async () => {
    const { campaign } = await campaignWithAudience(12);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    sink.decide = async () => {
      await t.db.campaignUpdate.update({ where: { id: update.id }, data: { status: 'cancelled', finishedAt: new Date() } });
      return null;
    };
    await sendAll(update.id, { batchSize: 3 });
    expect(sink.messages).toHaveLength(3);
    const rows = await recipientsOf(update.id);
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(9);
    expect(await updateRow(update.id)).toMatchObject({ status: 'cancelled', sentCount: 3, cancelledCount: 9 });
  });

  it('reaps a row left sending by a dead run as interrupted and never sends it', async () => {
    const { campaign } = await campaignWithAudience(5);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id);
    const [first] = await recipientsOf(update.id);
    await t.db.updateRecipient.update({
      where: { updateId_personId: { updateId: update.id, personId: first!.personId } },
      data: { status: 'sending', attempts: 1, updatedAt: new Date(Date.now() - 10_000) },
    });
    // Within its lease it is left alone (a live run may hold it) and the update is not finished.
    expect(await reapInterruptedRecipients(t.db, { updateId: update.id, leaseMs: 60_000 })).toEqual([]);
    const r = await runUpdateSend(t.db, { updateId: update.id }, { ...deps, leaseMs: 5_000 });
    expect(r).toMatchObject({ interrupted: 1, sent: 4 });
    const after = await sendAll(update.id, { leaseMs: 5_000 });
    expect(after.outcome === 'finished' || after.outcome === 'not_sending').toBe(true);
    expect(sink.messages.flatMap((m) => m.parsed.messageId)).not.toContain(`<update-${update.id}-${first!.personId}@undersigned.example>`);
    expect(await updateRow(update.id)).toMatchObject({ status: 'sent', sentCount: 4, interruptedCount: 1 });
    expect((await recipientsOf(update.id))[0]).toMatchObject({ status: 'interrupted' });
  });

  it('keeps the rate under the shared limit across two concurrent runs', async () => {
    const { campaign } = await campaignWithAudience(60);
    const update = await createUpdateFixture(t.db, campaign.id);
    await planAll(update.id, 100);
    const rate = 20;
    const throttled = { ...deps, throttle: createUpdateSendThrottle(redis, { ratePerSecond: rate, keyPrefix: `${prefix}-rate` }), batchSize: 10 };
    const started = Date.now();
    await Promise.all([sendAll(update.id, throttled), sendAll(update.id, throttled)]);
    const seconds = (Date.now() - started) / 1000;
    expect(sink.messages).toHaveLength(60);
    // 60 messages at 20/s in one-second windows: at least two full windows must pass.
    expect(seconds).toBeGreaterThan(1.9);
    const perSecond = new Map<number, number>();
    for (const a of sink.attempts) perSecond.set(Math.floor((a.at - started) / 1000), (perSecond.get(Math.floor((a.at - started) / 1000)) ?? 0) + 1);
    // Loose: a second of wall time can straddle two windows, never more than two windows' budget.
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(2 * rate);
  });
});
