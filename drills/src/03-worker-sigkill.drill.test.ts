// Drill 3 (issue 7): the worker SIGKILLed again and again in the middle of sending deliveries.
// Invariant 5 and the crash policy of apps/worker/README.md: no delivery is ever emailed twice;
// each ends `sent` (emailed exactly once) or — when a kill left it in `sending`, so nobody can
// know whether the server took it — `failed` with "Interrupted while sending…" for staff, having
// reached the server at most once. Nothing is left pending or stuck.
import { UNCERTAIN_PREFIX } from '@undersigned/core/mail';
import { createCampaign, seedSignatures } from '@undersigned/core/testing';
import { eventually, sleep, type WorkerProcess } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { FULL, recordDrill, tally } from './lib/results';

const DELIVERIES = FULL ? 200 : 40;
const KILLS = FULL ? 20 : 5;
const TARGETS_PER_CAMPAIGN = 10;

let worker: WorkerProcess | undefined;
let finished = false;
// Before the drill's own teardown stops the worker: the supervisor must not start another.
afterAll(() => {
  finished = true;
});
const drill = useDrill('drill3');

it(`emails each of ${DELIVERIES} deliveries at most once while the worker is SIGKILLed ${KILLS} times, and leaves none unaccounted for`, async () => {
  const started = Date.now();
  let kills = 0;
  let smtpKills = 0;
  let restarts = 0;
  // Half the kills land inside the SMTP transaction (message received, 250 not yet sent: the
  // worst moment), the other half at random moments of a worker's life.
  const smtpKillAt = new Set<number>();
  while (smtpKillAt.size < Math.ceil(KILLS / 2)) smtpKillAt.add(1 + Math.floor(Math.random() * Math.floor(DELIVERIES * 0.5)));
  // Kills are spaced: each lands at least SETTLE_MS after the current worker started, so a job a
  // kill interrupted has been re-run (lock 2 s + stalled check) before the next kill. Killing the
  // same job's run twice in a row exceeds BullMQ's stall limit, and its delivery then waits for
  // the reconciler's 10-minute stuck-`sending` sweep (apps/worker/README.md), longer than a drill.
  const SETTLE_MS = 5_000;
  let workerStartedAt = Date.now();
  const settled = () => Date.now() - workerStartedAt >= SETTLE_MS;
  const ordinals = [...smtpKillAt].sort((x, y) => x - y);
  let seen = 0;
  drill.sink.decide = async () => {
    // A slow mail server (1.5 s per message) keeps deliveries in flight through all the kills.
    await sleep(1_500);
    seen += 1;
    if (ordinals.length && seen >= ordinals[0]! && settled() && worker?.alive() && kills < KILLS) {
      ordinals.shift();
      kills += 1;
      smtpKills += 1;
      await worker.kill();
    }
    return null;
  };

  worker = drill.startWorker();
  await worker.started;
  workerStartedAt = Date.now();
  // Supervisor: a killed worker is started again, as systemd or Kubernetes would.
  const supervisor = (async () => {
    while (!finished) {
      await worker.exited;
      if (finished) break;
      restarts += 1;
      worker = drill.startWorker();
      await worker.started.catch(() => undefined);
      workerStartedAt = Date.now();
    }
  })();
  const randomKiller = (async () => {
    while (!finished && kills < KILLS) {
      await sleep(300 + Math.random() * 1500);
      if (finished || kills - smtpKills >= KILLS - smtpKillAt.size) break;
      if (worker?.alive() && settled()) {
        kills += 1;
        await worker.kill();
      }
    }
  })();

  // The deliveries: campaigns of 10 targets each crossing the 100 milestone.
  const campaignIds: number[] = [];
  for (let c = 0; c < DELIVERIES / TARGETS_PER_CAMPAIGN; c++) {
    const campaign = await createCampaign(drill.t.db, {
      title: `Drill 3 campaign ${c}`,
      targets: Array.from({ length: TARGETS_PER_CAMPAIGN }, (_, i) => ({
        title: 'Council member',
        givenName: `T${c}x${i}`,
        email: `t${c}x${i}@city.example`,
      })),
    });
    campaignIds.push(campaign.id);
    await seedSignatures(drill.t.db, campaign.id, { count: 100 });
  }

  let progress = '';
  const deliveries = await eventually(
    async () => {
      const rows = await drill.t.db.delivery.findMany({
        where: { campaignId: { in: campaignIds } },
        include: { target: { select: { email: true } } },
      });
      const done = rows.length === DELIVERIES && rows.every((d) => d.status === 'sent' || d.status === 'failed') && kills >= KILLS;
      if (done) return rows;
      const byStatus = rows.reduce<Record<string, number>>((acc, d) => ({ ...acc, [d.status]: (acc[d.status] ?? 0) + 1 }), {});
      progress = JSON.stringify({ deliveries: rows.length, byStatus, kills, smtpKills, seen, restarts });
      return null;
    },
    { timeoutMs: FULL ? 400_000 : 150_000, everyMs: 500 },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; progress: ${progress}`);
  });
  await sleep(1500); // anything still on the wire arrives
  finished = true;
  if (worker?.alive()) await worker.kill();
  await supervisor;
  await randomKiller;

  const emailsById = tally(drill.sink.messages, (m) => m.parsed.messageId ?? '');
  const emailsByRecipient = tally(drill.sink.messages, (m) => m.envelope.to.join(','));
  const pairs = new Set(deliveries.map((d) => `${d.campaignId}:${d.targetId}`));
  let duplicated = 0;
  let lost = 0;
  const problems: string[] = [];
  for (const d of deliveries) {
    const n = emailsById.get(`<delivery-${d.id}@undersigned.example>`) ?? 0;
    const toTarget = emailsByRecipient.get(d.target.email!) ?? 0;
    if (n > 1 || toTarget > 1) duplicated += Math.max(n, toTarget) - 1;
    if (d.status === 'sent' && n !== 1) {
      lost += n === 0 ? 1 : 0;
      problems.push(`${d.id} sent with ${n} emails`);
    }
    if (d.status === 'failed' && !d.lastError?.startsWith(UNCERTAIN_PREFIX)) problems.push(`${d.id} failed: ${d.lastError}`);
  }
  const sent = deliveries.filter((d) => d.status === 'sent').length;
  const uncertain = deliveries.length - sent;
  const uncertainReached = deliveries.filter((d) => d.status === 'failed' && emailsById.has(`<delivery-${d.id}@undersigned.example>`)).length;

  recordDrill({
    drill: '3 worker SIGKILL',
    operations: `${DELIVERIES} deliveries: ${sent} sent once, ${uncertain} failed "interrupted" for staff (${uncertainReached} of them reached SMTP once); ${drill.sink.messages.length} emails received`,
    faults: `${kills} SIGKILLs (${smtpKills} inside the SMTP transaction), ${restarts} restarts`,
    lost,
    duplicated,
    unexpected5xx: 0,
    seconds: (Date.now() - started) / 1000,
  });

  expect(kills).toBe(KILLS);
  expect(pairs.size).toBe(DELIVERIES); // one delivery per (campaign, target): no range claimed twice
  expect(problems).toEqual([]);
  expect(duplicated).toBe(0);
  expect(lost).toBe(0);
  expect([...emailsById.values()].filter((n) => n > 1)).toEqual([]);
  // Every email the server received belongs to a delivery of this drill and is accounted for.
  expect(drill.sink.messages.length).toBe(sent + uncertainReached);
  // A kill inside the SMTP transaction leaves exactly such an uncertain delivery behind.
  expect(uncertain).toBeGreaterThanOrEqual(1);
});
