// Drill 8 (issue 13 "Integrations"): a signing burst with a webhook endpoint while the worker is
// SIGKILLed 5 times — odd kills while the receiver holds a POST (it has the events; the worker
// never hears the answer: the worst moment), even ones at a random moment a little later
// (dispatching, claiming, recording) — and restarted by a supervisor. At least once, with a stable
// `webhook-id`: every signature.created event reaches the receiver (which verifies every POST with
// the standardwebhooks package), and after deduplication by webhook-id each event is there exactly
// once. Redeliveries of a delivery the dead worker had in flight are expected and counted.
import { randomBytes } from 'node:crypto';
import { createSignatureBatcher, createSigner, pgExecutor } from '@undersigned/core';
import { createCampaign, signer } from '@undersigned/core/testing';
import { eventually, sleep, startWebhookReceiver, type WebhookReceiver, type WorkerProcess } from '@undersigned/testing';
import { useDrill } from './lib/drill';
import { FULL, recordDrill } from './lib/results';

const SIGNATURES = FULL ? 20_000 : 3_000;
const KILLS = 5;
/** Kills when this share of the events has reached the receiver. */
const KILL_AT = [0.1, 0.25, 0.4, 0.55, 0.7];
const WORKER = {
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
  WEBHOOK_TICK_MS: '200',
  WEBHOOK_BATCH_SIZE: '50',
  WEBHOOK_BATCH_WAIT_MS: '200',
  // A dead worker's claim is taken again after 2 × timeout + 5 s.
  WEBHOOK_TIMEOUT_MS: '1000',
  WEBHOOK_RETRY_BASE_MS: '300',
  WEBHOOK_RETRY_MAX_MS: '2000',
};

let worker: WorkerProcess | undefined;
let finished = false;
afterAll(() => {
  finished = true;
});
const drill = useDrill('drill8');
const secret = `whsec_${randomBytes(24).toString('base64')}`;
let receiver: WebhookReceiver;

beforeAll(async () => {
  receiver = await startWebhookReceiver({ secret });
});
afterAll(async () => {
  finished = true;
  await worker?.stop(8_000);
  await receiver?.close();
});

it(`delivers every webhook event of ${SIGNATURES} signatures at least once, exactly once after dedupe, through ${KILLS} worker SIGKILLs`, async () => {
  const started = Date.now();
  const campaign = await createCampaign(drill.t.db, { title: 'Save the river', targets: [] });
  await drill.t.db.webhookEndpoint.create({ data: { name: 'CRM', url: receiver.url, events: ['signature.created'], secret } });

  let kills = 0;
  let heldKills = 0;
  let restarts = 0;
  const thresholds = KILL_AT.map((f) => Math.floor(f * SIGNATURES));
  receiver.onPost = async () => {
    const received = receiver.events.length;
    if (!thresholds.length || received < thresholds[0]! || !worker?.alive()) return;
    thresholds.shift();
    kills += 1;
    if (kills % 2 === 1) {
      heldKills += 1;
      await worker.kill();
    } else {
      const victim = worker;
      setTimeout(() => void victim.kill(), Math.random() * 300);
    }
  };

  worker = drill.startWorker(WORKER);
  await worker.started;
  const supervisor = (async () => {
    while (!finished) {
      await worker.exited;
      if (finished) break;
      restarts += 1;
      worker = drill.startWorker(WORKER);
      await worker.started.catch(() => undefined);
    }
  })();

  // The burst, through the signing hot path (createSigner with group commit), 200 in flight.
  const db = drill.t.db;
  const exec = pgExecutor({ query: async ({ text, values }) => ({ rows: await db.$queryRawUnsafe<Record<string, unknown>[]>(text, ...values) }) });
  const signing = createSigner({ exec, batcher: createSignatureBatcher(exec) });
  let signed = 0;
  for (let done = 0; done < SIGNATURES; done += 200) {
    const outcomes = await Promise.all(
      Array.from({ length: Math.min(200, SIGNATURES - done) }, () => signing.sign(campaign.slug, { input: signer(), ipHash: null })),
    );
    signed += outcomes.filter((o) => o.ok).length;
  }

  let progress = '';
  await eventually(
    async () => {
      const unique = new Set(receiver.uniqueEvents().map((e) => e.id)).size;
      // A delivery whose POST reached the receiver just before a kill stays `sending` until its
      // claim runs out (2 × timeout + 5 s) and is sent again: the drill waits for that too.
      const unfinished = await drill.t.db.webhookDelivery.count({ where: { status: { not: 'succeeded' } } });
      progress = JSON.stringify({ signed, unique, unfinished, posts: receiver.posts.length, kills, restarts });
      return unique >= SIGNATURES && kills >= KILLS && unfinished === 0;
    },
    { timeoutMs: FULL ? 300_000 : 150_000, everyMs: 500 },
  ).catch((error: unknown) => {
    throw new Error(`${String(error)}; progress: ${progress}`);
  });
  await sleep(1_500); // a late redelivery would arrive by now
  finished = true;
  await worker?.stop(8_000);
  await supervisor;

  const signatures = await db.signature.findMany({ where: { campaignId: campaign.id }, select: { id: true } });
  const expected = new Set(signatures.map((s) => `undersigned:${s.id}`));
  const unique = receiver.uniqueEvents();
  const byEvent = new Map<string, number>();
  for (const e of unique) byEvent.set(e.id, (byEvent.get(e.id) ?? 0) + 1);
  const seen = new Set(unique.map((e) => (e['osdi:signature'] as { identifiers: string[] }).identifiers[0]!));
  const lost = [...expected].filter((id) => !seen.has(id)).length;
  // After dedupe by webhook-id, an event twice would be a duplicate (two deliveries carrying it).
  const duplicated = [...byEvent.values()].reduce((s, n) => s + n - 1, 0);
  const redelivered = [...receiver.acceptedCount.values()].reduce((s, n) => s + n - 1, 0);
  const foreign = [...seen].filter((id) => !expected.has(id)).length;
  const deliveries = await db.webhookDelivery.groupBy({ by: ['status'], _count: true });

  recordDrill({
    drill: '8 webhook SIGKILL',
    operations: `${signatures.length} signatures → ${unique.length} events in ${receiver.deliveries.size} deliveries (${receiver.posts.length} POSTs); ${redelivered} redelivered with the same webhook-id (deduped)`,
    faults: `${kills} SIGKILLs (${heldKills} while the receiver held a POST), ${restarts} restarts`,
    lost,
    duplicated,
    unexpected5xx: 0,
    seconds: (Date.now() - started) / 1000,
  });

  expect(signed).toBe(SIGNATURES);
  expect(signatures).toHaveLength(SIGNATURES);
  expect(kills).toBe(KILLS);
  expect(receiver.rejected).toBe(0);
  expect(lost).toBe(0);
  expect(duplicated).toBe(0);
  expect(foreign).toBe(0);
  expect(unique).toHaveLength(SIGNATURES);
  expect(deliveries.filter((d) => d.status !== 'succeeded')).toEqual([]);
  // A kill while the receiver held a POST leaves that delivery to be sent again: at least once.
  expect(redelivered).toBeGreaterThanOrEqual(1);
});
