// Drill 5 (issue 7): the SMTP server answers 421/451 for a while, then 550 for one target.
// Temporary answers are retried with growing (exponential) delays; the permanent one ends that
// delivery `failed` with the server's answer where staff see it; the other targets' deliveries go
// out exactly once.
import { listCampaignDeliveries } from '@undersigned/core';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { recordDrill, tally } from './lib/results';

const TEMPORARY_MS = 7_000;
const GOOD = ['council.a@city.example', 'council.b@city.example', 'mayor@city.example'];
const BAD = 'gone@city.example';

const drill = useDrill('drill5');

it('retries 421/451 with backoff, fails the 550 target visibly, and sends every other target exactly once', async () => {
  const started = Date.now();
  let temporaryUntil = 0;
  let n = 0;
  drill.sink.decide = (mail) => {
    if (Date.now() < temporaryUntil) {
      n += 1;
      return n % 2 ? { code: 421, message: 'Service not available, closing channel' } : { code: 451, message: 'Greylisted, try again later' };
    }
    if (mail.envelope.to.includes(BAD)) return { code: 550, message: 'Mailbox unavailable' };
    return null;
  };
  await drill.startWorker().started;

  const campaign = await createCampaign(drill.t.db, {
    title: 'Drill 5',
    targets: [...GOOD, BAD].map((email, i) => ({ title: 'Official', givenName: `O${i}`, email })),
  });
  temporaryUntil = Date.now() + TEMPORARY_MS;
  await seedSignatures(drill.t.db, campaign.id, { count: 100 });

  const rows = await eventually(
    async () => {
      const ds = await drill.t.db.delivery.findMany({ where: { campaignId: campaign.id }, include: { target: { select: { email: true } } } });
      return ds.length === 4 && ds.every((d) => d.status === 'sent' || d.status === 'failed') ? ds : null;
    },
    { timeoutMs: 60_000, everyMs: 300 },
  );
  await sleep(3_000); // a failed delivery must stay failed: no further attempts
  const after = await drill.t.db.delivery.findMany({ where: { campaignId: campaign.id } });

  const received = tally(drill.sink.messages, (m) => m.envelope.to.join(','));
  const byTarget = new Map(rows.map((d) => [d.target.email!, d]));
  const attemptsOf = (email: string) => drill.sink.attempts.filter((a) => a.to.includes(email));
  const good = GOOD.map((e) => byTarget.get(e)!);
  const bad = byTarget.get(BAD)!;
  const staffView = (await listCampaignDeliveries(drill.t.db, campaign.id)).find((d) => d.id === bad.id);

  const lost = good.filter((d) => d.status !== 'sent' || (received.get(d.target.email!) ?? 0) === 0).length;
  const duplicated = [...received.values()].reduce((s, k) => s + Math.max(0, k - 1), 0);
  const temporary = drill.sink.attempts.filter((a) => a.code === 421 || a.code === 451).length;
  recordDrill({
    drill: '5 SMTP 421/451/550',
    operations: `4 deliveries, ${drill.sink.attempts.length} SMTP attempts: 3 sent once, 1 failed (550) shown to staff`,
    faults: `${temporary} temporary answers (421/451) over ${TEMPORARY_MS / 1000} s, then 550 for one target`,
    lost,
    duplicated,
    unexpected5xx: 0,
    seconds: (Date.now() - started) / 1000,
  });

  for (const d of good) {
    expect(d.status).toBe('sent');
    expect(received.get(d.target.email!)).toBe(1);
    const tries = attemptsOf(d.target.email!);
    expect(tries.length).toBeGreaterThanOrEqual(3); // at least two temporary failures, then 250
    expect(tries.at(-1)!.code).toBe(250);
    // Backoff: waits between attempts grow (exponential from 2 s), never a tight loop.
    const gaps = tries.slice(1).map((a, i) => a.at - tries[i]!.at);
    expect(gaps[0]!).toBeGreaterThanOrEqual(1_500);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]!).toBeGreaterThan(gaps[i - 1]! * 1.4);
  }
  expect(bad.status).toBe('failed');
  expect(bad.lastError).toContain('550');
  expect(received.get(BAD)).toBeUndefined();
  expect(attemptsOf(BAD).at(-1)!.code).toBe(550);
  expect(attemptsOf(BAD).filter((a) => a.code === 550)).toHaveLength(1);
  expect(after.map((d) => [d.id, d.status]).sort()).toEqual(rows.map((d) => [d.id, d.status]).sort());
  expect(staffView).toMatchObject({ status: 'failed' });
  expect(JSON.stringify(staffView)).toContain('550');
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
});
